#pragma once

#include "api/JobSpec.h"

#include <QJsonObject>

namespace tandem::test {

// The request most tests send: compile one source of the home on this computer into `output`.
inline QJsonObject compileSpec(const QString &source, const QString &output,
                               const QString &preset = QStringLiteral("serial-c"))
{
    api::JobSpec spec;
    spec.type = api::JobSpec::Type::Compile;
    spec.system = QStringLiteral("local");
    spec.preset = preset;
    spec.sources = {source};
    spec.output = output;
    return spec.toJson();
}

} // namespace tandem::test
