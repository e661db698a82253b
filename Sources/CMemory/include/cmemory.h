#ifndef DELEGATION_AUDIT_CMEMORY_H
#define DELEGATION_AUDIT_CMEMORY_H

/* Hands the allocator's free memory back to the system (glibc's malloc_trim, which no Swift
   module declares). glibc keeps small blocks freed by a thread for that thread's arena, where
   the large buffers allocated later never reuse them, so a million rows let go of would still
   count in the resident set. Does nothing where the C library is not glibc. */
void cmem_release_free_memory(void);

#endif
