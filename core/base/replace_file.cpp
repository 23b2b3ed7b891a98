#include "core/base/replace_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace complaint {

Result<void> replace_file(const std::string& path, std::string_view bytes) {
  const std::string partial = path + ".partial";
  std::error_code ignored;
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      const int error = errno;
      std::filesystem::remove(partial, ignored);
      return Error::make(ErrorCode::io, "cannot write " + path + ": " + std::strerror(error), "write", error);
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) {
    std::filesystem::remove(partial, ignored);
    return Error::make(ErrorCode::io, "cannot write " + path + ": " + error.message(), "rename",
                       error.value());
  }
  return Ok{};
}

}  // namespace complaint
