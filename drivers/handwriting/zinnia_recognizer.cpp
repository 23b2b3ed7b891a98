// ZinniaRecognizer over zinnia::Recognizer (see zinnia_recognizer.h). Calls are serialised
// by one mutex: the kiosk recognises on its UI thread, the benchmark from one thread.
//
// Memory: the model (27 MB) is mapped by us, read-only, and handed to Zinnia as a buffer;
// Zinnia reads all of it when opening and on every recognition. After opening and in
// release_memory() (a session's end) the pages are dropped from the process (MADV_DONTNEED;
// they stay in the shared page cache and come back as minor faults at the next stroke, which
// costs that stroke ~15 ms), so the PSS of a kiosk nobody writes on does not carry the model.
#include "drivers/handwriting/zinnia_recognizer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zinnia.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

namespace complaint {

struct ZinniaRecognizer::Engine {
  std::unique_ptr<zinnia::Recognizer> recognizer;
  void* model = MAP_FAILED;
  std::size_t size = 0;

  void release_pages() const {
    if (model != MAP_FAILED) ::madvise(model, size, MADV_DONTNEED);
  }
  ~Engine() {
    if (recognizer) recognizer->close();
    recognizer.reset();
    if (model != MAP_FAILED) ::munmap(model, size);
  }
};

ZinniaRecognizer::ZinniaRecognizer(std::unique_ptr<Engine> engine) : m_engine(std::move(engine)) {}

ZinniaRecognizer::~ZinniaRecognizer() = default;

std::string ZinniaRecognizer::default_model() {
  return COMPLAINT_ZINNIA_ZH_CN_MODEL;
}

Result<std::unique_ptr<ZinniaRecognizer>> ZinniaRecognizer::open(const HandwritingEngineOptions& options) {
  const std::string path = options.model.empty() ? default_model() : options.model;
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored))
    return Error::make(ErrorCode::unavailable, "handwriting model not found: " + path,
                       "zinnia::Recognizer::open");
  auto engine = std::make_unique<Engine>();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat status {};
  if (fd < 0 || ::fstat(fd, &status) != 0 || status.st_size <= 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    return Error::make(ErrorCode::unavailable, "cannot read handwriting model " + path, "open", error);
  }
  engine->size = static_cast<std::size_t>(status.st_size);
  engine->model = ::mmap(nullptr, engine->size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (engine->model == MAP_FAILED)
    return Error::make(ErrorCode::unavailable, "cannot map handwriting model " + path, "mmap", errno);
  engine->recognizer.reset(zinnia::Recognizer::create());
  if (!engine->recognizer)
    return Error::make(ErrorCode::internal, "cannot create a Zinnia recognizer",
                       "zinnia::Recognizer::create");
  if (!engine->recognizer->open(static_cast<const char*>(engine->model), engine->size)) {
    return Error::make(ErrorCode::unavailable,
                       "cannot open handwriting model " + path + ": " + engine->recognizer->what(),
                       "zinnia::Recognizer::open");
  }
  engine->release_pages();
  return std::unique_ptr<ZinniaRecognizer>(new ZinniaRecognizer(std::move(engine)));
}

void ZinniaRecognizer::release_memory() {
  std::lock_guard lock(m_mutex);
  m_engine->release_pages();
}

Ink ZinniaRecognizer::normalized(const Ink& ink) {
  Ink out{kBox, kBox, {}};
  int min_x = 0;
  int min_y = 0;
  int max_x = 0;
  int max_y = 0;
  bool first = true;
  for (const InkStroke& stroke : ink.strokes) {
    for (const InkPoint& p : stroke) {
      min_x = first ? p.x : std::min(min_x, p.x);
      min_y = first ? p.y : std::min(min_y, p.y);
      max_x = first ? p.x : std::max(max_x, p.x);
      max_y = first ? p.y : std::max(max_y, p.y);
      first = false;
    }
  }
  if (first) return out;
  // The larger side of the ink fills 60 % of the box (the best of 50-100 % on the first
  // 1,200 characters of bench/handwriting); a small ink (a dot, one short stroke) is
  // measured against half the pad so it stays small.
  const int pad_side = std::max(1, std::min(ink.width, ink.height));
  const double side =
      std::max({static_cast<double>(max_x - min_x), static_cast<double>(max_y - min_y), pad_side / 2.0, 1.0});
  const double scale = 0.6 * kBox / side;
  const double centre_x = (min_x + max_x) / 2.0;
  const double centre_y = (min_y + max_y) / 2.0;
  for (const InkStroke& stroke : ink.strokes) {
    InkStroke fitted;
    fitted.reserve(stroke.size());
    for (const InkPoint& p : stroke) {
      fitted.push_back(InkPoint{static_cast<int>(kBox / 2.0 + (p.x - centre_x) * scale),
                                static_cast<int>(kBox / 2.0 + (p.y - centre_y) * scale)});
    }
    out.strokes.push_back(std::move(fitted));
  }
  return out;
}

Result<std::vector<HandwritingCandidate>> ZinniaRecognizer::recognize_scored(
    const Ink& ink, std::size_t limit, const HandwritingContext& /*context*/) {
  std::vector<HandwritingCandidate> out;
  if (ink.empty() || limit == 0) return out;
  const Ink fitted = normalized(ink);
  std::lock_guard lock(m_mutex);
  std::unique_ptr<zinnia::Character> character(zinnia::Character::create());
  character->set_width(kBox);
  character->set_height(kBox);
  std::size_t id = 0;
  for (const InkStroke& stroke : fitted.strokes) {
    if (stroke.empty()) continue;
    for (const InkPoint& p : stroke) character->add(id, p.x, p.y);
    if (stroke.size() == 1) character->add(id, stroke.front().x + 1, stroke.front().y);
    ++id;
  }
  std::unique_ptr<zinnia::Result> result(m_engine->recognizer->classify(*character, limit));
  if (!result)
    return Error::make(ErrorCode::io,
                       std::string("handwriting recognition failed: ") + m_engine->recognizer->what(),
                       "zinnia::Recognizer::classify");
  for (std::size_t i = 0; i < result->size() && out.size() < limit; ++i)
    out.push_back({result->value(i), static_cast<double>(result->score(i))});
  return out;
}

}  // namespace complaint
