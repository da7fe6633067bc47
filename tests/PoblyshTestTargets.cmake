# poblysh_gtest(<target> <source>… [LINK <library>…] [PREFIX <prefix>] [LABEL <label>]
#               [STORES [POSTGRES_FILTER <gtest filter>]] [PROPERTIES <name> <value>…]):
# a GoogleTest executable of one test folder, built with the project's warnings, that finds its
# headers in its own folder, and whose tests CTest registers one by one, named "<prefix>Suite.Name".
#  * LINK: what the tests use besides GoogleTest (an area's library, tests/support's libraries).
#  * LABEL: unit (the default), fault or security; PROPERTIES: further CTest properties (TIMEOUT,
#    FIXTURES_REQUIRED, ENVIRONMENT…).
#  * STORES: integration tests, run on SQLite and again as "pg." copies on PostgreSQL
#    (poblysh_integration_tests, cmake/PoblyshTestStores.cmake), label integration;
#    POSTGRES_FILTER narrows the copies to the tests that touch the store.
include(GoogleTest)

function(poblysh_gtest target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "STORES" "PREFIX;LABEL;POSTGRES_FILTER" "LINK;PROPERTIES")
  add_executable(${target} ${ARG_UNPARSED_ARGUMENTS})
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${target} PRIVATE ${ARG_LINK} GTest::gtest_main poblysh_warnings)
  if(ARG_STORES)
    poblysh_integration_tests(${target} PREFIX "${ARG_PREFIX}" POSTGRES_FILTER "${ARG_POSTGRES_FILTER}")
    return()
  endif()
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  gtest_discover_tests(${target} TEST_PREFIX "${ARG_PREFIX}" DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS ${ARG_LABEL} ${ARG_PROPERTIES})
endfunction()
