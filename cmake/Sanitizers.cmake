# ASan + UBSan for the whole project (sanitizer CI configuration, clang-14).
if(DATACAVE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
# ThreadSanitizer for the concurrency tests (clang-14); cannot be combined with ASan.
if(DATACAVE_TSAN)
  if(DATACAVE_SANITIZE)
    message(FATAL_ERROR "DATACAVE_TSAN and DATACAVE_SANITIZE cannot be combined")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=thread)
endif()
if(DATACAVE_FUZZ_ENGINE AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "DATACAVE_FUZZ_ENGINE needs clang (libFuzzer)")
endif()
if(DATACAVE_FUZZ_ENGINE)
  # Coverage instrumentation everywhere so libFuzzer sees our code's edges.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
