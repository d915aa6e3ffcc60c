# Run with cmake -P: writes OUTPUT, a C++ file defining FUNCTION (default
# frontline::store::builtInMigrations) from the NNNN_name.sql files in SQL_DIR, in version
# order. Versions must be 1, 2, 3 ... with no gap.
if(NOT FUNCTION)
  set(FUNCTION builtInMigrations)
endif()
if(NOT NAMESPACE)
  set(NAMESPACE frontline::store)
endif()
file(GLOB files RELATIVE ${SQL_DIR} ${SQL_DIR}/*.sql)
list(SORT files)
set(body "")
set(expected 1)
foreach(f IN LISTS files)
  if(NOT f MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "${SQL_DIR}/${f}: migration files are named NNNN_name.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name ${CMAKE_MATCH_2})
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "${SQL_DIR}/${f}: expected migration ${expected} next (no gaps, no duplicates)")
  endif()
  math(EXPR expected "${expected} + 1")
  file(READ ${SQL_DIR}/${f} sql)
  string(APPEND body "      {${version}, \"${name}\", R\"frontline_sql(${sql})frontline_sql\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from assets/sql by scripts/cmake/embed_migrations.cmake. Do not edit.
#include \"store/migrations.h\"

namespace ${NAMESPACE} {
namespace {
const std::vector<frontline::store::Migration> kMigrations{
${body}};
}  // namespace

const std::vector<frontline::store::Migration>& ${FUNCTION}() { return kMigrations; }
}  // namespace ${NAMESPACE}
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
