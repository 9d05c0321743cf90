#include "grants/payment.h"

namespace grants {

std::string_view to_string(PaymentState s) {
  switch (s) {
    case PaymentState::kPending: return "pending";
    case PaymentState::kPaid: return "paid";
    case PaymentState::kReturned: return "returned";
    case PaymentState::kCancelled: return "cancelled";
  }
  return "?";
}

}  // namespace grants
