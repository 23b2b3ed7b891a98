// Test helpers that run real programs: argv in, exit status, stdout and stderr out.
#pragma once

#include <string>
#include <vector>

namespace complaint::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {});
// A fresh empty directory under the build tree's temp area, removed by the caller.
std::string make_temp_dir(const std::string& prefix);
std::string read_file(const std::string& path);
std::vector<std::string> split_lines(const std::string& text);

}  // namespace complaint::testing
