#ifndef CXML_BRIDGE_H
#define CXML_BRIDGE_H

/* The only interface Swift sees to libxml2: opaque types and plain C values.
   No libxml2 header may be included here (see ARCHITECTURE.md, the ICU clash). */

/* The libxml2 version the bridge was compiled against, e.g. 20914. */
int cxb_libxml_version(void);

#endif
