#include "gateway/SystemCatalog.h"
#include "JsonArrays.h"
#include "api/ErrorCode.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>

namespace tandem::gateway {

QList<std::pair<QString, QString>> programmingModels()
{
    return {{QStringLiteral("serial-c"), QStringLiteral("Serial C")},
            {QStringLiteral("serial-cxx"), QStringLiteral("Serial C++")},
            {QStringLiteral("mpi-c"), QStringLiteral("MPI C")},
            {QStringLiteral("mpi-cxx"), QStringLiteral("MPI C++")},
            {QStringLiteral("openmp-c"), QStringLiteral("OpenMP C")},
            {QStringLiteral("openmp-cxx"), QStringLiteral("OpenMP C++")},
            {QStringLiteral("cuda"), QStringLiteral("CUDA")}};
}

const Queue *System::queue(const QString &name) const
{
    for (const Queue &q : queues) {
        if (q.name == name)
            return &q;
    }
    return nullptr;
}

const Queue *System::defaultQueue() const
{
    for (const Queue &q : queues) {
        if (q.isDefault)
            return &q;
    }
    return queues.isEmpty() ? nullptr : &queues.first();
}

api::System System::toApi() const
{
    api::System shown;
    shown.id = id;
    shown.name = displayName;
    shown.scheduler = api::schedulerFromString(scheduler).value_or(api::System::Scheduler::Local);
    for (const Queue &queue : queues)
        shown.queues.append({queue.name, queue.maxNodes, queue.coresPerNode, queue.maxMinutes, queue.isDefault});
    for (const auto &[model, name] : programmingModels()) {
        if (compilePresets.contains(model))
            shown.compilePresets.append({model, name, compilePresets[model]});
    }
    for (auto it = launchers.cbegin(); it != launchers.cend(); ++it)
        shown.launchers.append({it.key(), it.value()});
    shown.modules = modules;
    shown.environment = environment;
    shown.network = network;
    return shown;
}

namespace {

Result<LoginNode> loginNodeFromJson(const QString &systemId, const QJsonObject &object)
{
    LoginNode login;
    login.host = object.value(QStringLiteral("host")).toString();
    login.port = object.value(QStringLiteral("port")).toInt(22);
    login.user = object.value(QStringLiteral("user")).toString();
    login.keyFile = object.value(QStringLiteral("keyFile")).toString();
    login.hostKey = object.value(QStringLiteral("hostKey")).toString();
    login.knownHosts = object.value(QStringLiteral("knownHosts")).toString();
    login.root = object.value(QStringLiteral("root")).toString(login.root);
    login.runner = object.value(QStringLiteral("runner")).toString();
    login.bwrap = object.value(QStringLiteral("bwrap")).toString(login.bwrap);
    const auto missing = [&](const QString &field, const QString &text) {
        return std::unexpected(
            Error::make(api::ErrorCode::InvalidSystem, text.arg(systemId), QStringLiteral("slurm.login.") + field));
    };
    if (login.host.isEmpty())
        return missing(QStringLiteral("host"), SystemCatalog::tr("The login node of %1 needs a host."));
    if (login.port < 1 || login.port > 65535)
        return missing(QStringLiteral("port"), SystemCatalog::tr("The login node of %1 needs a port from 1 to 65535."));
    if (login.user.isEmpty())
        return missing(QStringLiteral("user"),
                       SystemCatalog::tr("The login node of %1 needs the account to log in as."));
    if (login.keyFile.isEmpty())
        return missing(QStringLiteral("keyFile"),
                       SystemCatalog::tr("The login node of %1 needs the gateway's private key file (keyFile)."));
    if (login.hostKey.isEmpty() && login.knownHosts.isEmpty())
        return missing(QStringLiteral("hostKey"),
                       SystemCatalog::tr("The login node of %1 needs its host key pinned: hostKey (\"SHA256:…\") or a "
                                         "knownHosts file."));
    if (!login.hostKey.isEmpty() && !login.hostKey.startsWith(u"SHA256:"))
        return missing(QStringLiteral("hostKey"),
                       SystemCatalog::tr("The host key of %1's login node must be the SHA-256 fingerprint of its "
                                         "ed25519 key (\"SHA256:…\", as ssh-keygen -l -f ssh_host_ed25519_key.pub "
                                         "prints it)."));
    if (login.runner.isEmpty() || !login.runner.startsWith(u'/'))
        return missing(QStringLiteral("runner"),
                       SystemCatalog::tr("The login node of %1 needs the absolute path of tandem-job-run on its nodes "
                                         "(runner): jobs run only in its sandbox."));
    const QJsonObject accounts = object.value(QStringLiteral("accounts")).toObject();
    for (auto it = accounts.begin(); it != accounts.end(); ++it) {
        const QJsonObject account = it.value().toObject();
        const LoginNode::Account mapped{account.value(QStringLiteral("user")).toString(),
                                        account.value(QStringLiteral("keyFile")).toString()};
        if (mapped.user.isEmpty() || mapped.keyFile.isEmpty())
            return std::unexpected(Error::make(
                api::ErrorCode::InvalidSystem,
                SystemCatalog::tr("The login node of %1 maps %2 to an account: it needs its user and keyFile.")
                    .arg(systemId, it.key()),
                QStringLiteral("slurm.login.accounts.") + it.key()));
        login.accounts.insert(it.key(), mapped);
    }
    if (login.root.isEmpty() || login.root.split(u'/').contains(QStringLiteral("..")))
        return missing(QStringLiteral("root"),
                       SystemCatalog::tr("The login node of %1 needs a folder for the jobs (root) without \"..\"."));
    return login;
}

} // namespace

Result<System> System::fromJson(const QJsonObject &object)
{
    System system;
    system.id = object.value(QStringLiteral("id")).toString();
    system.displayName = object.value(QStringLiteral("name")).toString(system.id);
    system.scheduler = object.value(QStringLiteral("scheduler")).toString(QStringLiteral("local"));
    if (system.id.isEmpty())
        return std::unexpected(Error::make(api::ErrorCode::InvalidSystem, SystemCatalog::tr("A system needs an id."),
                                           QStringLiteral("id")));
    const QJsonArray queues = object.value(QStringLiteral("queues")).toArray();
    for (const QJsonValue &value : queues) {
        const QJsonObject q = value.toObject();
        system.queues.append({q.value(QStringLiteral("name")).toString(), q.value(QStringLiteral("maxNodes")).toInt(1),
                              q.value(QStringLiteral("coresPerNode")).toInt(1),
                              q.value(QStringLiteral("maxMinutes")).toInt(60),
                              q.value(QStringLiteral("default")).toBool()});
    }
    const QJsonObject slurm = object.value(QStringLiteral("slurm")).toObject();
    system.slurm.queuesFromSlurm = slurm.value(QStringLiteral("queuesFromSlurm")).toBool();
    system.slurm.defaultQueue = slurm.value(QStringLiteral("defaultQueue")).toString();
    if (system.queues.isEmpty() && !(system.scheduler == u"slurm" && system.slurm.queuesFromSlurm)) {
        return std::unexpected(Error::make(api::ErrorCode::InvalidSystem,
                                           SystemCatalog::tr("The system %1 has no queues.").arg(system.id),
                                           QStringLiteral("queues")));
    }
    const QJsonObject presets = object.value(QStringLiteral("compilePresets")).toObject();
    for (auto it = presets.begin(); it != presets.end(); ++it)
        system.compilePresets.insert(it.key(), toStringList(it.value()));
    const QJsonObject launchers = object.value(QStringLiteral("launchers")).toObject();
    for (auto it = launchers.begin(); it != launchers.end(); ++it)
        system.launchers.insert(it.key(), toStringList(it.value()));
    system.modules = toStringList(object.value(QStringLiteral("modules")));
    system.network = object.value(QStringLiteral("network")).toBool(false);
    system.slurm.conf = slurm.value(QStringLiteral("conf")).toString();
    system.slurm.binDir = slurm.value(QStringLiteral("binDir")).toString();
    system.slurm.pollMilliseconds = std::clamp(slurm.value(QStringLiteral("pollMilliseconds")).toInt(1000), 100, 60000);
    system.slurm.hidden = toStringList(slurm.value(QStringLiteral("hidden")));
    if (slurm.contains(QStringLiteral("login"))) {
        auto login = loginNodeFromJson(system.id, slurm.value(QStringLiteral("login")).toObject());
        if (!login)
            return std::unexpected(login.error());
        system.slurm.login = *login;
    }
    const QJsonObject env = object.value(QStringLiteral("environment")).toObject();
    static const QRegularExpression variableName(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z_][A-Za-z0-9_]*")));
    // Variables that make a shell run code or change how it reads its script: the job's shells run outside the
    // sandbox before it starts.
    static const QStringList shellControls{
        QStringLiteral("BASH_ENV"), QStringLiteral("ENV"), QStringLiteral("SHELLOPTS"),     QStringLiteral("BASHOPTS"),
        QStringLiteral("PS4"),      QStringLiteral("IFS"), QStringLiteral("PROMPT_COMMAND")};
    for (auto it = env.begin(); it != env.end(); ++it) {
        if (!variableName.match(it.key()).hasMatch() || shellControls.contains(it.key())
            || it.key().startsWith(QStringLiteral("BASH_FUNC_"))) {
            return std::unexpected(Error::make(
                api::ErrorCode::InvalidSystem,
                SystemCatalog::tr("System %1: \"%2\" cannot be set in a job's environment (a variable's name is "
                                  "letters, digits and _, and not one that changes how a shell runs).")
                    .arg(system.id, it.key()),
                QStringLiteral("environment")));
        }
        system.environment.insert(it.key(), it.value().toString());
    }
    return system;
}

System SystemCatalog::detectLocal(int cores)
{
    System local;
    local.id = QStringLiteral("local");
    local.displayName = tr("This computer");
    local.scheduler = QStringLiteral("local");
    local.queues
        = {{QStringLiteral("normal"), 1, cores, 60, true}, {QStringLiteral("development"), 1, cores, 10, false}};

    const auto has
        = [](const char *program) { return !QStandardPaths::findExecutable(QString::fromLatin1(program)).isEmpty(); };
    if (has("gcc")) {
        local.compilePresets.insert(QStringLiteral("serial-c"), {QStringLiteral("gcc")});
        local.compilePresets.insert(QStringLiteral("openmp-c"), {QStringLiteral("gcc"), QStringLiteral("-fopenmp")});
    }
    if (has("g++")) {
        local.compilePresets.insert(QStringLiteral("serial-cxx"), {QStringLiteral("g++")});
        local.compilePresets.insert(QStringLiteral("openmp-cxx"), {QStringLiteral("g++"), QStringLiteral("-fopenmp")});
    }
    if (has("mpicc"))
        local.compilePresets.insert(QStringLiteral("mpi-c"), {QStringLiteral("mpicc")});
    if (has("mpicxx"))
        local.compilePresets.insert(QStringLiteral("mpi-cxx"), {QStringLiteral("mpicxx")});
    if (has("nvcc"))
        local.compilePresets.insert(QStringLiteral("cuda"), {QStringLiteral("nvcc")});

    local.launchers.insert(QStringLiteral("direct"), {});
    if (has("mpirun")) {
        // One node only: let Open MPI place more ranks than physical cores rather than refuse.
        local.launchers.insert(QStringLiteral("mpirun"),
                               {QStringLiteral("mpirun"), QStringLiteral("--oversubscribe"), QStringLiteral("-np"),
                                QStringLiteral("{cores}")});
        // Shared memory between ranks on one machine; the TCP transport finds no routable pairing inside sandboxes.
        local.environment.insert(QStringLiteral("OMPI_MCA_btl"), QStringLiteral("self,sm"));
    }
    return local;
}

Result<void> SystemCatalog::load(const QJsonArray &systems)
{
    for (const QJsonValue &value : systems) {
        auto system = System::fromJson(value.toObject());
        if (!system)
            return std::unexpected(system.error());
        add(*system);
    }
    return {};
}

void SystemCatalog::setQueues(const QString &id, const QList<Queue> &queues)
{
    for (System &existing : m_systems) {
        if (existing.id == id)
            existing.queues = queues;
    }
}

void SystemCatalog::add(System system)
{
    for (System &existing : m_systems) {
        if (existing.id == system.id) {
            existing = std::move(system);
            return;
        }
    }
    m_systems.append(std::move(system));
}

const System *SystemCatalog::find(const QString &id) const
{
    for (const System &system : m_systems) {
        if (system.id == id)
            return &system;
    }
    return nullptr;
}

} // namespace tandem::gateway
