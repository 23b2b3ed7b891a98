// write_png / read_png over libpng's simplified API (RGBA, 8 bits per channel).
#include <png.h>

#include <cstring>

#include "kiosk/platform/platform.h"

namespace complaint {

Result<void> write_png(const std::string& path, const RgbaImage& image) {
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(image.width);
  png.height = static_cast<png_uint_32>(image.height);
  png.format = PNG_FORMAT_RGBA;
  if (png_image_write_to_file(&png, path.c_str(), 0, image.pixels.data(), image.width * 4, nullptr) == 0) {
    return Error::make(ErrorCode::io, "write " + path + ": " + png.message, "png_image_write_to_file");
  }
  return Ok{};
}

Result<RgbaImage> read_png(const std::string& path) {
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&png, path.c_str()) == 0) {
    return Error::make(ErrorCode::io, "read " + path + ": " + png.message, "png_image_begin_read_from_file");
  }
  png.format = PNG_FORMAT_RGBA;
  RgbaImage image;
  image.width = static_cast<int>(png.width);
  image.height = static_cast<int>(png.height);
  image.pixels.resize(PNG_IMAGE_SIZE(png));
  if (png_image_finish_read(&png, nullptr, image.pixels.data(), 0, nullptr) == 0) {
    png_image_free(&png);
    return Error::make(ErrorCode::io, "read " + path + ": " + png.message, "png_image_finish_read");
  }
  return image;
}

}  // namespace complaint
