#include "cmemory.h"

/* Any C library header brings in glibc's __GLIBC__ where glibc is the C library. */
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void cmem_release_free_memory(void) {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}
