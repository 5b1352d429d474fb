<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>GatewayCommandLine</name>
    <message>
        <source>Cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tandem gateway: accounts, execution systems, batch jobs and interactive sessions over HTTP.

Commands:
  serve    run the server (the default)

Exit codes: 0 success, 1 failure, 2 usage error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep accounts, jobs and user homes in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on &lt;address:port&gt; (default 127.0.0.1:%1; port 0 picks a free one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[command]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. Try --help.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayConfig</name>
    <message>
        <source>Invalid listen address &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;:&apos; after &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the port must be a number from 0 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Tandem desktop client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the gateway at &lt;url&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a picture of the window to &lt;file&gt; once connected, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::CompileTab</name>
    <message>
        <source>Submit compile job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a gateway to list its systems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial C++</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPI C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPI C++</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenMP C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenMP C++</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. -O2 -Wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name of the program to build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>modules to load, separated by spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the command appears here once a system and sources are chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programming model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compiler flags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your command:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::GatewayRequest</name>
    <message>
        <source>The gateway at %1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the gateway at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway answered %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::JobHistoryTab</name>
    <message>
        <source>Job ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter jobs by name, system or status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::MainWindow</name>
    <message>
        <source>Tandem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job &amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;elp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Tandem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Tandem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Tandem&lt;/b&gt; %1&lt;br&gt;Interactive and batch work on supercomputers, side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (gateway %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::MessageBanner</name>
    <message>
        <source>Hide this message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::RunTab</name>
    <message>
        <source>Quick (waits for the result, at most 30 seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch (queued; you are notified when it ends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit run job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a gateway to list its systems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a compiled program from a finished compile job, or any file in your home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arguments passed to the program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>modules to load, separated by spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the command appears here once a system and an executable are chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launcher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cores:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your command:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::TerminalTab</name>
    <message>
        <source>Start session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This gateway does not offer interactive sessions yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session is running. A session is a shell in your own container, with the same home directory that Compile and Run use.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::GatewayServer</name>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot attach the HTTP server to its socket.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
