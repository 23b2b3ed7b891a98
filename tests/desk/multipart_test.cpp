// desk/multipart.h: the upload form's bodies as browsers send them, and what is refused.
#include <gtest/gtest.h>

#include "desk/multipart.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

const std::string kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string chrome_body(const std::string& file) {
  return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken\r\n--" +
         kBoundary +
         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%E6%9D%A5%E4%BF%A1.pdf\"\r\n"
         "Content-Type: application/pdf\r\n\r\n" +
         file + "\r\n--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n\r\n--" +
         kBoundary + "--\r\n";
}

TEST(Multipart, ReadsTheBoundaryFromTheContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + kBoundary), kBoundary);
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data;boundary=\"a b\""), "a b");
  EXPECT_EQ(multipart_boundary("application/x-www-form-urlencoded"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary="), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=a<b"), std::nullopt);
}

TEST(Multipart, ReadsABrowsersUploadWithBinaryBytes) {
  const std::string file = std::string("%PDF-1.4\r\n\0\xFF--", 15) + "\r\n--not-the-boundary";
  const auto parts = parse_multipart(kBoundary, chrome_body(file));
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "csrf");
  EXPECT_EQ((*parts)[0].data, "token");
  EXPECT_FALSE((*parts)[0].file_name.has_value());
  const MultipartPart* upload = find_part(*parts, "file");
  ASSERT_NE(upload, nullptr);
  EXPECT_EQ(upload->file_name, "%E6%9D%A5%E4%BF%A1.pdf");
  EXPECT_EQ(upload->content_type, "application/pdf");
  EXPECT_EQ(upload->data, file);
  EXPECT_EQ(find_part(*parts, "caption")->data, "");
  EXPECT_EQ(parse_multipart(kBoundary, format_multipart(kBoundary, *parts)), parts);
}

TEST(Multipart, RefusesMalformedBodies) {
  const std::string good = chrome_body("x");
  EXPECT_TRUE(parse_multipart(kBoundary, good).has_value());
  EXPECT_FALSE(parse_multipart(kBoundary, "preamble\r\n" + good).has_value());
  EXPECT_FALSE(parse_multipart(kBoundary, good.substr(0, good.size() - 4)).has_value())
      << "no closing boundary";
  EXPECT_FALSE(parse_multipart(kBoundary, good + "epilogue").has_value());
  EXPECT_FALSE(parse_multipart("other", good).has_value());
  EXPECT_FALSE(parse_multipart(kBoundary, "--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" +
                                              kBoundary + "--")
                   .has_value())
      << "a part without its Content-Disposition";
  EXPECT_FALSE(
      parse_multipart(kBoundary, "--" + kBoundary +
                                     "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--" +
                                     kBoundary + "--")
          .has_value());
  EXPECT_FALSE(
      parse_multipart(kBoundary,
                      "--" + kBoundary +
                          "\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx\r\n--" +
                          kBoundary + "--")
          .has_value())
      << "a repeated parameter";
  std::vector<MultipartPart> many(kMaxMultipartParts + 1, MultipartPart{"a", std::nullopt, "", "x"});
  EXPECT_FALSE(parse_multipart(kBoundary, format_multipart(kBoundary, many)).has_value());
  many.pop_back();
  EXPECT_TRUE(parse_multipart(kBoundary, format_multipart(kBoundary, many)).has_value());
}

TEST(ContentDisposition, NamesTheFileForOldAndNewClients) {
  EXPECT_EQ(content_disposition("inline", "scan.png"),
            "inline; filename=\"scan.png\"; filename*=UTF-8''scan.png");
  EXPECT_EQ(content_disposition("attachment", "来信 \"1\".pdf"),
            "attachment; filename=\"______ _1_.pdf\"; filename*=UTF-8''%E6%9D%A5%E4%BF%A1%20%221%22.pdf");
}

}  // namespace
}  // namespace complaint::desk
