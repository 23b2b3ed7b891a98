// FakeReceiptRenderer: writes each copy's plain text (a form feed between copies) instead
// of drawing; can be scripted to fail after n calls, once or from then on.
#pragma once

#include "core/base/fault_script.h"
#include "core/printing/receipt_renderer.h"

namespace complaint {

enum class RendererOperation { render };

class FakeReceiptRenderer final : public ReceiptRenderer {
 public:
  void fail(int after_calls, FailureMode mode) {
    m_faults.fail(RendererOperation::render, after_calls, mode,
                  Error::make(ErrorCode::internal, "scripted render failure", "render"));
  }
  Result<PrintDocument> render(const ReceiptLayout& layout, const RenderOptions& options) override {
    if (auto error = m_faults.on_call(RendererOperation::render)) return *error;
    PrintDocument document{layout.number, options.format, {}};
    for (const ReceiptCopy& copy : layout.copies) document.bytes += plain_text(copy) + "\f";
    return document;
  }

 private:
  FaultScript<RendererOperation> m_faults;
};

}  // namespace complaint
