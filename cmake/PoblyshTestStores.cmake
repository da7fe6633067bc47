# Integration tests run on both stores: as they are (SQLite, a fresh file per service) and
# again, prefixed "pg.", on PostgreSQL (a fresh schema per service) in a server that CTest starts
# once per run: the fixture `postgres` (scripts/pg-test-server.sh, data under the build tree).
include(GoogleTest)

set(POBLYSH_TEST_PG_DIR ${CMAKE_BINARY_DIR}/tests/postgres)
# The file holding the server's URL once postgres.start has run; tests/support reads it.
set(POBLYSH_TEST_PG_URL_FILE ${POBLYSH_TEST_PG_DIR}/url)
# For add_test tests that want the server: ENVIRONMENT "${POBLYSH_TEST_PG_ENV}" and
# FIXTURES_REQUIRED postgres.
set(POBLYSH_TEST_PG_ENV "POBLYSH_TEST_PG_URL_FILE=${POBLYSH_TEST_PG_URL_FILE}")

find_program(POBLYSH_BASH bash)
add_test(NAME postgres.start
  COMMAND ${POBLYSH_BASH} ${PROJECT_SOURCE_DIR}/scripts/pg-test-server.sh start ${POBLYSH_TEST_PG_DIR})
set_tests_properties(postgres.start PROPERTIES FIXTURES_SETUP postgres LABELS integration TIMEOUT 120)
add_test(NAME postgres.stop
  COMMAND ${POBLYSH_BASH} ${PROJECT_SOURCE_DIR}/scripts/pg-test-server.sh stop ${POBLYSH_TEST_PG_DIR})
set_tests_properties(postgres.stop PROPERTIES FIXTURES_CLEANUP postgres LABELS integration TIMEOUT 60)

# poblysh_integration_tests(<gtest target> [PREFIX <prefix>] [POSTGRES_FILTER <gtest filter>]):
# registers every test of the target twice, "<prefix>Suite.Name" on SQLite and
# "pg.<prefix>Suite.Name" on PostgreSQL. POSTGRES_FILTER narrows the PostgreSQL copies to the
# tests that touch the store, when a target also holds tests that never do (SMTP, `calcom check`).
# The PostgreSQL copies get POBLYSH_TEST_STORE=postgresql, which tests/support reads (the URL
# file's path is compiled into tests/support: gtest_discover_tests passes one ENVIRONMENT entry
# intact, not a list).
function(poblysh_integration_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "PREFIX;POSTGRES_FILTER" "")
  gtest_discover_tests(${target} TEST_PREFIX "${ARG_PREFIX}"
    PROPERTIES LABELS integration
    DISCOVERY_TIMEOUT 60)
  set(_filter)
  if(ARG_POSTGRES_FILTER)
    set(_filter TEST_FILTER "${ARG_POSTGRES_FILTER}")
  endif()
  gtest_discover_tests(${target} TEST_PREFIX "pg.${ARG_PREFIX}" ${_filter}
    PROPERTIES LABELS integration ENVIRONMENT "POBLYSH_TEST_STORE=postgresql" FIXTURES_REQUIRED postgres
    DISCOVERY_TIMEOUT 60)
endfunction()
