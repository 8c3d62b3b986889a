// CSV as flowfolio reads it (output/csv.hpp): fields, the line each record starts on and
// the column each field starts at, quoted fields included, for messages that point there.
#include <catch2/catch.hpp>

#include "flowfolio/core/error.hpp"
#include "output/csv.hpp"

using namespace flowfolio;

TEST_CASE("read_csv: fields with their lines and columns", "[csv]") {
  const std::vector<CsvRecord> r = read_csv("period,activity,units\r\n3,\"tweet, long\",12\n4,\"two\nlines\",x\n", "w.csv");
  REQUIRE(r.size() == 3);
  CHECK(r[0].fields == std::vector<std::string>{"period", "activity", "units"});
  CHECK(r[0].columns == std::vector<std::size_t>{1, 8, 17});
  CHECK(r[1].line == 2);
  CHECK(r[1].fields == std::vector<std::string>{"3", "tweet, long", "12"});
  CHECK(r[1].columns == std::vector<std::size_t>{1, 3, 17});
  // A quoted line break: the record starts on line 3, its last field on line 4, column 8.
  CHECK(r[2].line == 3);
  CHECK(r[2].fields == std::vector<std::string>{"4", "two\nlines", "x"});
  CHECK(r[2].columns == std::vector<std::size_t>{1, 3, 8});
  CHECK_THROWS_WITH(read_csv("a,\"b\n", "w.csv"), "w.csv:1: a quoted field is never closed");
}
