// libFuzzer target: the job-spec validator (JobPlan::fromSpec) on arbitrary JSON, against a cluster system and a home
// holding a few files. It must answer a plan or a field error, never crash, and a plan's argv never holds a path
// leaving the home.
#include "gateway/JobPlan.h"
#include "gateway/SystemCatalog.h"
#include "gateway/UserHome.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <cstdlib>

using namespace tandem::gateway;

namespace {

struct Fixture
{
    QTemporaryDir home;
    SystemCatalog systems;

    Fixture()
    {
        System system;
        system.id = QStringLiteral("cluster");
        system.scheduler = QStringLiteral("local");
        system.queues = {{QStringLiteral("normal"), 4, 16, 120, true}, {QStringLiteral("dev"), 1, 16, 30, false}};
        system.compilePresets = {{QStringLiteral("mpi-c"), {QStringLiteral("mpicc")}},
                                 {QStringLiteral("serial-c"), {QStringLiteral("gcc")}}};
        system.launchers
            = {{QStringLiteral("direct"), {}},
               {QStringLiteral("srun"), {QStringLiteral("srun"), QStringLiteral("-n"), QStringLiteral("{cores}")}}};
        system.modules = {QStringLiteral("impi")};
        systems.add(system);
        QDir(home.path()).mkpath(QStringLiteral("src"));
        for (const char *name : {"src/main.c", "src/util.h", "input.dat", "app"}) {
            QFile file(home.filePath(QLatin1StringView(name)));
            file.open(QIODevice::WriteOnly);
            file.write("x");
        }
        QFile::link(QStringLiteral("/etc/passwd"), home.filePath(QStringLiteral("link.c")));
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Fixture fixture;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!document.isObject())
        return 0;
    const auto plan = JobPlan::fromSpec(document.object(), fixture.systems, UserHome(fixture.home.path()));
    if (plan) {
        for (const auto &file : plan->files) {
            if (file.source.startsWith(u'/') || file.source.contains(QStringLiteral("..")) || file.source == u"link.c")
                std::abort();
        }
    } else if (plan.error().message.isEmpty()) {
        std::abort();
    }
    return 0;
}
