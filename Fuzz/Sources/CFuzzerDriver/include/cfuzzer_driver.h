#ifndef CFUZZER_DRIVER_H
#define CFUZZER_DRIVER_H

/* libFuzzer's entry point for programs that have their own main (LLVM 13 and later), from
   libclang_rt.fuzzer_no_main. SwiftPM gives every Swift executable its own `main` (it links
   with --defsym main=<module>_main), so the harnesses call this instead of relying on the
   `main` that libclang_rt.fuzzer would bring. */

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
