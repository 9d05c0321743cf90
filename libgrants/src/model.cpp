#include "grants/model.h"

namespace grants {

std::string_view to_string(ApplicationState s) {
  switch (s) {
    case ApplicationState::kSubmitted: return "submitted";
    case ApplicationState::kApproved: return "approved";
    case ApplicationState::kRejected: return "rejected";
  }
  return "?";
}

std::string_view to_string(AgreementState s) {
  switch (s) {
    case AgreementState::kActive: return "active";
    case AgreementState::kSuspended: return "suspended";
    case AgreementState::kTerminated: return "terminated";
    case AgreementState::kCompleted: return "completed";
  }
  return "?";
}

std::string_view to_string(InstalmentState s) {
  switch (s) {
    case InstalmentState::kOpen: return "open";
    case InstalmentState::kPending: return "pending";
    case InstalmentState::kPaid: return "paid";
    case InstalmentState::kCancelled: return "cancelled";
  }
  return "?";
}

std::string_view to_string(AgreementEventKind k) {
  switch (k) {
    case AgreementEventKind::kSuspend: return "suspend";
    case AgreementEventKind::kResume: return "resume";
    case AgreementEventKind::kTerminate: return "terminate";
  }
  return "?";
}

}  // namespace grants
