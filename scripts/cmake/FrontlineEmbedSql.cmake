# frontline_embed_sql(<output variable> SQL_DIR <dir> FUNCTION <name> NAMESPACE <ns> COMMENT <text>)
# Generates a C++ file defining `const std::vector<frontline::store::Migration>& NS::FUNCTION()`
# from the NNNN_name.sql files in <dir> (scripts/cmake/embed_migrations.cmake), rebuilt when
# a file changes, and sets <output variable> to its path for add_library.
function(frontline_embed_sql output)
  cmake_parse_arguments(ARG "" "SQL_DIR;FUNCTION;NAMESPACE;COMMENT" "" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS ${ARG_SQL_DIR}/*.sql)
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/generated/${ARG_FUNCTION}.cpp)
  add_custom_command(
    OUTPUT ${generated}
    COMMAND ${CMAKE_COMMAND} -DSQL_DIR=${ARG_SQL_DIR} -DOUTPUT=${generated} -DFUNCTION=${ARG_FUNCTION}
            -DNAMESPACE=${ARG_NAMESPACE} -P ${PROJECT_SOURCE_DIR}/scripts/cmake/embed_migrations.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/scripts/cmake/embed_migrations.cmake
    COMMENT "${ARG_COMMENT}"
    VERBATIM)
  set(${output} ${generated} PARENT_SCOPE)
endfunction()
