// `chiso methods`: the parameter reference, from the methods' declarations, as docs/spec.md
// holds it.
#include "cli_fixture.hpp"

#include <fstream>
#include <sstream>

namespace chiso_cli_test {
namespace {

using methods = cli;

TEST_F(methods, prints_every_method_with_its_parameters) {
  const auto r = run({"methods"});
  ASSERT_EQ(r.code, 0) << r.err;
  // Defaults and ranges as declared next to each struct (min_max: lo 0, hi 1; z_score: sd > 0).
  EXPECT_NE(r.out.find("| `min_max` |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| | `lo` | 0 | number |"), std::string::npos);
  EXPECT_NE(r.out.find("| | `sd` | 1 | number > 0 |"), std::string::npos);
  EXPECT_NE(r.out.find("| | `basis` | values | one of values, ranks |"), std::string::npos);
  EXPECT_NE(r.out.find("| `generalised_mean` |"), std::string::npos);
  EXPECT_NE(r.out.find("| `correlation_balance` |"), std::string::npos);
  // The same text as the block in docs/spec.md.
  std::ifstream in(source_dir() + "/docs/spec.md");
  std::stringstream doc;
  doc << in.rdbuf();
  EXPECT_NE(doc.str().find(r.out), std::string::npos) << "docs/spec.md is out of date";
  EXPECT_EQ(run({"methods", "extra"}).code, 1); // no positional argument
}

} // namespace
} // namespace chiso_cli_test
