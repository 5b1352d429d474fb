#!/usr/bin/env bash
# Lint: the gateway code that works in users' places (homes, job directories, uploads) opens, creates, renames and
# deletes there only through the confined file layer (core/gateway/ConfinedDir). A QFile/QDir/QFileInfo/QSaveFile on a
# joined path, a recursive remove, a mkpath or a working directory by path is a way around it. Files that only touch
# the gateway's own places (its config, its private temporary folder, system files) are listed below; in the others
# only the exceptions matched by ALLOWED pass (a QFile opened on a descriptor, the gateway's own data directory, TLS
# files, the built-in OpenAPI document, the unsandboxed mode an operator chose).
set -euo pipefail
cd "$(dirname "$0")/.."
gateway_owned='GatewayCommandLine.cpp|LocalSessionBackend.(cpp|h)|SessionFiles.cpp|SlurmSessionBackend.cpp|Sandbox.cpp|ShutdownSignals.cpp|ConfinedDir.cpp'
pattern='\bQ(File|FileInfo|Dir|SaveFile|DirIterator|TemporaryDir|TemporaryFile)\b|removeRecursively|mkpath|setWorkingDirectory|setStandardOutputFile|setStandardInputFile\(\S*[^e]\)|QFile::(exists|remove|copy|rename|link)'
allowed='#include|QFile file;|QFile rusage;|QFile::encodeName|QFileInfo\((directory|m_config\.dataDir|runnerPath)\)|:/tandem/|tlsCertificate|tlsKey|unsandboxed by the operator|nullDevice'
found=$(grep -nE "$pattern" core/gateway/*.cpp core/gateway/*.h | grep -vE "^core/gateway/($gateway_owned):" | grep -vE "$allowed" || true)
if [ -n "$found" ]; then
    echo "Paths opened around the confined file layer (use ConfinedDir):"
    echo "$found"
    exit 1
fi
echo "confinement lint: no path-based file access in the gateway's user-facing code"
