#pragma once

#include "TandemVersion.h"

#include <QString>

namespace tandem {

inline QString versionString()
{
    return QStringLiteral(TANDEM_VERSION_STRING);
}

} // namespace tandem
