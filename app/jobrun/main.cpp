// tandem-job-run: starts one job command as the leader of a new session, with resource limits, waits for it and
// records its resource usage. The gateway's local executor runs every job through it, so that cancel and time
// limits can signal the whole process group and max RSS and CPU time are measured by the kernel.
//
//   tandem-job-run --rusage FILE [--as BYTES] [--nproc N] [--fsize BYTES] -- PROGRAM ARGS...
//
// Exit status: the job's own, or 128+N when signal N ended it; 127 when PROGRAM could not be started.
//
// On a Slurm node the batch script runs it first in its other form, which prepares the job's directory and
// becomes PROGRAM (usually bubblewrap, which runs the first form inside the sandbox):
//
//   tandem-job-run --job-dir HOME RELATIVE [--task | --array-task] [--env NAME=VALUE]... -- PROGRAM ARGS...
//
// It opens HOME (never through a link) and RELATIVE beneath it (openat2, no links, no "..": the user's own shell may
// have planted one a moment ago), makes stdout.txt and stderr.txt fresh in it as its standard output and error,
// leaves the directory open as descriptor 3 (for bwrap's --bind-fd 3), and clears the environment but Slurm's own
// variables and the --env ones. With --task (each task of an srun step) it only opens the directory: the step's
// output goes where srun sends it and its environment is the step's. With --array-task (each task of a job array)
// the outputs are stdout-N.txt and stderr-N.txt for the task's index N (Slurm's SLURM_ARRAY_TASK_ID), which it also
// gets as TANDEM_ARRAY_INDEX. Exit status 126 when the directory cannot be prepared.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct Limit
{
    int resource;
    rlim_t amount;
};

// Applied in the child only, just before exec: the limits are the job's, not the runner's (which must keep room to
// wait and write the usage, also when built with sanitizers that reserve much address space).
void apply(const Limit &limit)
{
    if (limit.amount == 0)
        return;
    const rlimit lim{limit.amount, limit.amount};
    if (setrlimit(limit.resource, &lim) != 0)
        std::fprintf(stderr, "tandem-job-run: setrlimit: %s\n", std::strerror(errno));
}

// The job directory RELATIVE beneath HOME, as descriptor 3, with fresh outputs as stdout and stderr; false (and a
// message on the batch step's stderr) when something on the way is a link, missing, or cannot be written.
bool prepareJobDirectory(const char *home, const char *relative, bool withOutputs, const std::string &suffix)
{
    const int homeFd = open(home, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (homeFd < 0) {
        std::fprintf(stderr, "tandem-job-run: cannot open the home %s: %s\n", home, std::strerror(errno));
        return false;
    }
    open_how how{};
    how.flags = O_DIRECTORY | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    const int dirFd = int(syscall(SYS_openat2, homeFd, relative, &how, sizeof how));
    close(homeFd);
    if (dirFd < 0) {
        std::fprintf(stderr, "tandem-job-run: cannot open the job directory %s beneath %s: %s\n", relative, home,
                     std::strerror(errno));
        return false;
    }
    const struct
    {
        std::string name;
        int target;
    } outputs[] = {{"stdout" + suffix + ".txt", STDOUT_FILENO}, {"stderr" + suffix + ".txt", STDERR_FILENO}};
    for (const auto &output : outputs) {
        if (!withOutputs)
            break;
        // Whatever has the name goes first (a link is removed, not followed); the new file is made, never reused.
        unlinkat(dirFd, output.name.c_str(), 0);
        const int fd = openat(dirFd, output.name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0 || dup2(fd, output.target) < 0) {
            std::fprintf(stderr, "tandem-job-run: cannot create %s in the job directory: %s\n", output.name.c_str(),
                         std::strerror(errno));
            return false;
        }
        close(fd);
    }
    if (dup2(dirFd, 3) < 0) // dup2 leaves the new descriptor open across exec
        return false;
    if (dirFd != 3)
        close(dirFd);
    return true;
}

// Runs PROGRAM in place of this process with the job directory prepared and only Slurm's variables and `env` kept.
int prepareAndExec(const char *home, const char *relative, bool task, bool arrayTask, std::vector<std::string> env,
                   char **program)
{
    std::string suffix;
    if (arrayTask) {
        // Slurm's index of this task: a plain number, or nothing is made.
        const char *index = std::getenv("SLURM_ARRAY_TASK_ID");
        const size_t length = index ? std::strlen(index) : 0;
        if (length == 0 || length > 9 || std::strspn(index, "0123456789") != length) {
            std::fprintf(stderr, "tandem-job-run: --array-task outside a task of a job array\n");
            return 126;
        }
        suffix = std::string("-") + index;
        env.push_back(std::string("TANDEM_ARRAY_INDEX=") + index);
    }
    if (!prepareJobDirectory(home, relative, !task, suffix))
        return 126;
    // Nothing else the runner was started with reaches the job (slurmstepd's descriptors, say).
    if (close_range(4, ~0U, 0) != 0) {
        for (int fd = 4; fd < 65536; ++fd)
            close(fd);
    }
    if (task) {
        // A task of a step: Slurm and the batch step set its environment already (PMIx's variables among them).
        execvp(program[0], program);
        std::fprintf(stderr, "tandem-job-run: cannot start %s: %s\n", program[0], std::strerror(errno));
        return 127;
    }
    std::vector<std::string> kept;
    for (char **variable = environ; *variable; ++variable) {
        // Not how the batch step itself was exported (--export=NONE): srun would pass that on and start its tasks
        // with no environment at all.
        if (std::strncmp(*variable, "SLURM_", 6) == 0 && std::strncmp(*variable, "SLURM_EXPORT_ENV=", 17) != 0
            && std::strncmp(*variable, "SLURM_GET_USER_ENV=", 19) != 0)
            kept.emplace_back(*variable);
    }
    clearenv();
    for (const std::string &variable : kept)
        putenv(const_cast<char *>(variable.c_str()));
    for (const std::string &variable : env)
        putenv(const_cast<char *>(variable.c_str()));
    execvp(program[0], program);
    std::fprintf(stderr, "tandem-job-run: cannot start %s: %s\n", program[0], std::strerror(errno));
    return 127;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc > 3 && std::strcmp(argv[1], "--job-dir") == 0) {
        std::vector<std::string> env;
        int i = 4;
        const bool task = i < argc && std::strcmp(argv[i], "--task") == 0;
        const bool arrayTask = i < argc && std::strcmp(argv[i], "--array-task") == 0;
        if (task || arrayTask)
            ++i;
        for (; i + 1 < argc && std::strcmp(argv[i], "--env") == 0; i += 2) {
            if (!std::strchr(argv[i + 1], '=')) {
                std::fprintf(stderr, "tandem-job-run: --env needs NAME=VALUE\n");
                return 125;
            }
            env.emplace_back(argv[i + 1]);
        }
        if (i + 1 >= argc || std::strcmp(argv[i], "--") != 0) {
            std::fprintf(stderr, "usage: tandem-job-run --job-dir HOME RELATIVE [--env NAME=VALUE]... -- PROGRAM...\n");
            return 125;
        }
        return prepareAndExec(argv[2], argv[3], task, arrayTask, env, argv + i + 1);
    }

    const char *rusageFile = nullptr;
    Limit limits[3] = {{RLIMIT_AS, 0}, {RLIMIT_NPROC, 0}, {RLIMIT_FSIZE, 0}};
    int i = 1;
    for (; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            ++i;
            break;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "tandem-job-run: %s needs a value\n", argv[i]);
            return 125;
        }
        if (arg == "--rusage")
            rusageFile = argv[++i];
        else if (arg == "--as")
            limits[0].amount = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--nproc")
            limits[1].amount = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--fsize")
            limits[2].amount = std::strtoull(argv[++i], nullptr, 10);
        else {
            std::fprintf(stderr, "tandem-job-run: unknown option %s\n", argv[i]);
            return 125;
        }
    }
    if (i >= argc) {
        std::fprintf(stderr,
                     "usage: tandem-job-run --rusage FILE [--as B] [--nproc N] [--fsize B] -- PROGRAM ARGS...\n");
        return 125;
    }

    setsid(); // the job's processes form one group, led by us: the gateway signals -pid
    // The job outlives its gateway (a gateway started again picks it up), so no death signal from the parent.
    // Forward termination to the group once, so that the job sees it even if only we were signalled. (exec resets
    // the handler in the child.)
    signal(SIGTERM, [](int) {
        signal(SIGTERM, SIG_IGN);
        kill(0, SIGTERM);
    });
    const pid_t child = fork();
    if (child < 0) {
        std::perror("tandem-job-run: fork");
        return 125;
    }
    if (child == 0) {
        for (const Limit &limit : limits)
            apply(limit);
        execvp(argv[i], argv + i);
        std::fprintf(stderr, "tandem-job-run: cannot start %s: %s\n", argv[i], std::strerror(errno));
        _exit(127);
    }

    int status = 0;
    rusage usage{};
    while (wait4(child, &status, 0, &usage) < 0 && errno == EINTR) { }
    if (rusageFile) {
        if (FILE *out = std::fopen(rusageFile, "w")) {
            const long long cpuMs = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000LL
                + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
            std::fprintf(out, "{\"maxRssKb\": %ld, \"cpuMs\": %lld, \"signal\": %d, \"exitCode\": %d}\n",
                         usage.ru_maxrss, cpuMs, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                         WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            std::fclose(out);
        }
    }
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
