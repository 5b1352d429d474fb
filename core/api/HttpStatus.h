#pragma once

#include "Error.h"

namespace tandem::api {

// The one table between error kinds and HTTP statuses: the gateway answers with httpStatus(), the desktop reads an
// answer's kind with errorKind().
int httpStatus(Error::Kind kind);
Error::Kind errorKind(int httpStatus);

} // namespace tandem::api
