# Run as `cmake -DOUT=file.cpp -DBACKEND=name -P EmbedMigrations.cmake sql...`:
# writes a C++ source holding every migration file of one backend, in file-name
# order, so that `grants init` needs no files beside the binary.
set(files "")
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 0 ${last})
  if(CMAKE_ARGV${i} MATCHES "\\.sql$")
    list(APPEND files "${CMAKE_ARGV${i}}")
  endif()
endforeach()
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  get_filename_component(name "${f}" NAME)
  file(READ "${f}" sql)
  string(APPEND body "  {\"${name}\", R\"grants_sql(${sql})grants_sql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp"
"// Generated from schemas/${BACKEND}/*.sql by cmake/EmbedMigrations.cmake.\n"
"#include \"migrations.h\"\n"
"namespace grants::detail {\n"
"const std::vector<Migration>& ${BACKEND}_migrations() {\n"
"  static const std::vector<Migration> kMigrations = {\n${body}  };\n"
"  return kMigrations;\n}\n}  // namespace grants::detail\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
