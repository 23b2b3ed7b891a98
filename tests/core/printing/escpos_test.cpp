// ESC/POS encoding checked with the tests' own reader (escpos_parser.h): bands rebuild the
// exact bitmap, NUL bytes survive, every copy is fed and cut, widths match the rolls.
#include "core/printing/escpos.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/core/printing/escpos_parser.h"

namespace complaint::test {
namespace {

MonoBitmap random_bitmap(int width, int height, unsigned seed) {
  MonoBitmap bitmap(width, height);
  std::mt19937 random(seed);
  // Mostly white, like a receipt: many whole zero bytes in the stream.
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      if (random() % 7 == 0) bitmap.set_black(x, y);
  return bitmap;
}

TEST(Escpos, RollWidthsInDots) {
  PrinterConfig printer;
  printer.paper_mm = 58;
  EXPECT_EQ(receipt_width_dots(printer), 384);
  printer.paper_mm = 80;
  EXPECT_EQ(receipt_width_dots(printer), 576);
  printer.dpi = 300;
  EXPECT_EQ(receipt_width_dots(printer) % 8, 0);
  EXPECT_NEAR(receipt_width_dots(printer), 72 * 300 / 25.4, 8);
  printer.width_dots = 512;
  EXPECT_EQ(receipt_width_dots(printer), 512);
}

TEST(Escpos, BandsRebuildEveryCopyExactlyAndEachIsCut) {
  const std::vector<MonoBitmap> copies = {random_bitmap(576, 300, 1), random_bitmap(576, 77, 2)};
  const std::string bytes = encode_escpos(copies, EscposOptions{ReceiptCut::partial, 128, 4});
  EXPECT_NE(bytes.find('\0'), std::string::npos) << "raster data with white bytes must contain NULs";
  const ParsedEscpos parsed = parse_escpos(bytes);
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  EXPECT_TRUE(parsed.initialised);
  ASSERT_EQ(parsed.pieces.size(), 2u);
  for (std::size_t i = 0; i < copies.size(); ++i) {
    EXPECT_EQ(parsed.pieces[i].image.width, copies[i].width);
    EXPECT_EQ(parsed.pieces[i].image.height, copies[i].height);
    EXPECT_EQ(parsed.pieces[i].image.bits, copies[i].bits) << "copy " << i;
    EXPECT_EQ(parsed.pieces[i].cut, 1);
    EXPECT_EQ(parsed.pieces[i].feed_lines, 4) << "feed before cut";
  }
  EXPECT_EQ(parsed.pieces[0].bands, 3);  // 300 rows in bands of 128
  // Exactly: init + per band header and data + feed + cut.
  EXPECT_EQ(bytes.size(), 2u + (3 * 8 + 72 * 300) + 3 + 3 + (1 * 8 + 72 * 77) + 3 + 3);
}

TEST(Escpos, FullCutAndNoCutter) {
  const std::vector<MonoBitmap> copies = {random_bitmap(384, 40, 3)};
  ParsedEscpos full = parse_escpos(encode_escpos(copies, EscposOptions{ReceiptCut::full, 128, 4}));
  ASSERT_EQ(full.pieces.size(), 1u);
  EXPECT_EQ(full.pieces[0].cut, 0);
  const std::string torn = encode_escpos(copies, EscposOptions{ReceiptCut::none, 128, 4});
  ParsedEscpos none = parse_escpos(torn);
  ASSERT_TRUE(none.error.empty()) << none.error;
  ASSERT_EQ(none.pieces.size(), 1u);
  EXPECT_EQ(none.pieces[0].cut, -1);
  EXPECT_GT(none.pieces[0].feed_lines, 4) << "no cutter: feed past the tear bar";
  EXPECT_EQ(torn.find("\x1D\x56"), std::string::npos);
}

TEST(Escpos, ParserRejectsATruncatedBand) {
  std::string bytes = encode_escpos({random_bitmap(384, 20, 4)}, EscposOptions{});
  bytes.resize(bytes.size() - 100);
  EXPECT_FALSE(parse_escpos(bytes).error.empty());
}

}  // namespace
}  // namespace complaint::test
