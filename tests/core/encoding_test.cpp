// Text that is not text (core/encoding.hpp) is refused where it is read, and what cannot
// be refused, a file name in bytes, is still written as valid JSON (core/json_text.hpp).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/encoding.hpp"
#include "core/json_text.hpp"
#include "flowfolio/core/error.hpp"
#include "output/csv.hpp"

using namespace flowfolio;
using namespace std::string_literals;

namespace {
// The column of the first problem, 0 when `text` is clean.
int bad_column(const std::string& text) { return check_encoding(text).column; }
}  // namespace

TEST_CASE("check_encoding: UTF-8 as RFC 3629 defines it", "[encoding]") {
  CHECK(bad_column("plain, caf\xc3\xa9, \xe2\x82\xac, \xf0\x9f\x98\x80, \xf4\x8f\xbf\xbf") == 0);
  CHECK(bad_column("caf\xe9") == 4);                 // Latin-1
  CHECK(bad_column("a\xc0\x80") == 2);               // overlong NUL
  CHECK(bad_column("a\xe0\x80\xaf") == 2);           // overlong '/'
  CHECK(bad_column("ab\xed\xa0\x80") == 3);          // a UTF-16 surrogate
  CHECK(bad_column("\xf4\x90\x80\x80") == 1);        // past U+10FFFF
  CHECK(bad_column("\xf5\x80\x80\x80") == 1);
  CHECK(bad_column("ok \xe2\x82") == 4);             // cut short at the end
  CHECK(bad_column("\xe2\x28\xa1") == 1);            // a continuation that is not one
  const EncodingProblem line_two = check_encoding("a\nb\x01", "CSV");
  CHECK(line_two.line == 2);
  CHECK(line_two.column == 2);
  CHECK(line_two.message == "control character 0x01 is not allowed in CSV; is this a text file?");
}

TEST_CASE("read_csv refuses a file that is not UTF-8, where the byte is", "[encoding][csv]") {
  // The fuzzer's find: a person named with a stray byte reached the JSON writer.
  CHECK_THROWS_WITH(read_csv("person,profile\nann,intern\n%\xe2n,intern\n", "ramp.csv"),
                    "ramp.csv:3:2: the file is not valid UTF-8 (byte 0xE2); save it as UTF-8");
  CHECK_THROWS_WITH(read_csv("a,b\n1,\x00\n"s, "w.csv"),
                    "w.csv:2:3: control character 0x00 is not allowed in CSV; is this a text file?");
  CHECK(read_csv("name\ncaf\xc3\xa9\n", "w.csv")[1].fields[0] == "caf\xc3\xa9");
}

TEST_CASE("json_text writes bytes that are not UTF-8 as U+FFFD, never fails", "[encoding]") {
  const nlohmann::ordered_json doc = {{"scenario_file", "sc\xe9.yaml"}, {"n", 1}};
  CHECK(json_text(doc) == "{\"scenario_file\":\"sc\xef\xbf\xbd.yaml\",\"n\":1}");
  CHECK(json_text(nlohmann::json{{"a", 1}}, 2) == "{\n  \"a\": 1\n}");
  CHECK_THROWS(doc.dump());  // what it guards against
}
