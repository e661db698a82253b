/* Nothing to compile: the target only exports cfuzzer_driver.h. */
#include "cfuzzer_driver.h"
