#include "cxml_bridge.h"
#include <libxml/xmlversion.h>

int cxb_libxml_version(void) { return LIBXML_VERSION; }
