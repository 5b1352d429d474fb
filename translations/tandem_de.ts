<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Accounts</name>
    <message>
        <source>A user name starts with a lower-case letter or &apos;_&apos; and holds at most 32 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A group name follows the same rules as a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user %1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of memory while hashing the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first: the token is missing, expired or revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>view must be limited, default or advanced.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClassList</name>
    <message>
        <source>expected name[,role[,group[,password]]]: there are %1 fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid account name (lower-case letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the role must be user, instructor or admin, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfinedDir</name>
    <message>
        <source>&quot;%1&quot; is not a path inside your home: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>absolute paths are not allowed; name files relative to your home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;..&quot; is not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it contains an empty, &quot;.&quot; or control-character component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an absolute path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is or passes through a symbolic link; Tandem never follows links.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A part of &quot;%1&quot; is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be accessed: permission denied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No space is left for &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot access &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a regular file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is larger than the %2 MB left in your quota.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This folder holds more than %1 files and folders; remove some before adding more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionGuard</name>
    <message>
        <source>The gateway has too many connections open; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway does not switch protocols.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.1: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request line and headers are larger than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request body with a Content-Length, not in chunks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request&apos;s headers took too long to arrive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The announced body is larger than any this gateway takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request&apos;s body stopped arriving, or came too slowly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request has at most %1 header fields.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayApi</name>
    <message>
        <source>A path in your home cannot contain &quot;.&quot; or &quot;..&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayCommandLine</name>
    <message>
        <source>Cannot create the data directory %1</source>
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
        <source>address:port</source>
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
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--cores takes a positive number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--role must be user, instructor or admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password on standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: the user %3 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n account(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: tandem-gateway user add NAME --role ROLE [--group G] [--password-stdin] | user import FILE.csv | user list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: listen on &lt;address:port&gt; (default 127.0.0.1:%1; port 0 picks a free one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: read settings and execution systems from &lt;file&gt; (JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: cores the local executor lends to jobs (default: all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: do not create an account and token file for the user running the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user add: the account&apos;s role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user add: the class or group the account belongs to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user add: read the password from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve | user …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 takes a number of days, 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--quota-mb takes a number of megabytes, 0 for none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing to serve plain HTTP on %1, which is not a loopback address: tokens and passwords would cross the network unencrypted. Give it --tls-cert and --tls-key, or put it behind a TLS proxy and pass --allow-remote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: allow plain HTTP on a non-loopback address (behind a TLS proxy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: serve HTTPS with this PEM certificate (chain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: the PEM private key of --tls-cert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: expire jobs that ended more than &lt;days&gt; ago (0 keeps them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: storage quota per user home in MB (0 for none; default 10240).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tandem gateway: accounts, execution systems, batch jobs and interactive sessions over HTTP.

Commands:
  serve                  run the server (the default)
  user add NAME --role user|instructor|admin [--group G] [--view V] [--password-stdin]
                         add an account; without a password it can only get tokens from an admin
  user import FILE.csv   add a class: lines name[,role[,group[,password]]]; missing passwords are
                         generated and printed as name,password
  user list              list the accounts

Exit codes: 0 success, 1 failure, 2 usage error or invalid input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: log every request as a JSON line on standard error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user add: the views shown: limited, default or advanced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: where bubblewrap cannot create namespaces, run jobs and sessions without a sandbox, as the gateway&apos;s own user (a single-user workstation only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
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
    <name>JobHistoryModel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobPlan</name>
    <message>
        <source>%1 must be between %2 and %3 on this queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no system &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system %1 has no queue &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system %1 offers no module &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two files would be called &quot;%1&quot; in the job directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one source file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output name must be 1 to 100 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;+&apos; or &apos;-&apos;, not starting with &apos;.&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output would overwrite an input file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>argv must start with one of this system&apos;s compilers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a compiler option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system %1 has no compiler preset &quot;%2&quot;. It offers: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the program to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system %1 has no launcher &quot;%2&quot;. It offers: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name must be 1 to 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the program to build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>At most %n task(s) can run at a time: the job has %n core(s). Ask for more cores, or a smaller number after %.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobSpec</name>
    <message>
        <source>%1 must be an array with one argument per element, not a shell string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an array of strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds more than %2 items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must hold only strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An item of %1 is too long or holds a NUL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type must be &quot;compile&quot; or &quot;run&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a field of a %2 job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs do not take a command line. Choose a compiler preset (or argv) and flags, or an executable, launcher and args: each is passed as one argument, never through a shell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mode must be &quot;batch&quot; or &quot;quick&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a compiler option: options start with &apos;-&apos; and hold no spaces or quotes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the program&apos;s name goes in the output field, not in -o.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>array is a range of task indexes, &quot;1-10&quot;, optionally with how many run at once, &quot;1-100%5&quot;; at most %1 tasks.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
    <message>
        <source>%1 has the unknown value &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must hold only strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[%2] must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reply</name>
    <message>
        <source>Cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The requested range is outside the file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sandbox</name>
    <message>
        <source>bubblewrap (bwrap) is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bubblewrap cannot create namespaces here (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, and this gateway runs nothing unsandboxed: an operator may allow that on a single-user workstation with --allow-unsandboxed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>Cannot make the session&apos;s host key (ssh-keygen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the session&apos;s host key fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the session&apos;s authorized_keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the session&apos;s login files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the session&apos;s sshd configuration.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionsController</name>
    <message>
        <source>Give either &quot;ids&quot;, a list of session ids, or &quot;all&quot;: true.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SftpTransfer</name>
    <message>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlurmStates</name>
    <message>
        <source>Waiting for free cores or nodes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other jobs are ahead of yours in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for another job to finish first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job it waits for did not end as needed; it will not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the start time it was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held: it starts once released.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its time limit is longer than this queue allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It asks for more nodes than this queue allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This queue is closed for now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This queue is not taking jobs for now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The nodes it needs are not available (maintenance or a reservation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for its reservation to begin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A node it needs is down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You already have as many jobs running as your account may.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your running jobs already use all the cores your account may.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your group&apos;s jobs already use all the cores it may.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As many tasks of this array run as it allows at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a software license.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be scheduled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting (Slurm says: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its other tasks wait: the array runs only so many at a time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SystemCatalog</name>
    <message>
        <source>A system needs an id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system %1 has no queues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node of %1 needs a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node of %1 needs a port from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node of %1 needs the account to log in as.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node of %1 needs the gateway&apos;s private key file (keyFile).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node of %1 needs its host key pinned: hostKey (&quot;SHA256:…&quot;) or a knownHosts file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node of %1 needs the absolute path of tandem-job-run on its nodes (runner): jobs run only in its sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node of %1 needs a folder for the jobs (root) without &quot;..&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host key of %1&apos;s login node must be the SHA-256 fingerprint of its ed25519 key (&quot;SHA256:…&quot;, as ssh-keygen -l -f ssh_host_ed25519_key.pub prints it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node of %1 maps %2 to an account: it needs its user and keyFile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System %1: &quot;%2&quot; cannot be set in a job&apos;s environment (a variable&apos;s name is letters, digits and _, and not one that changes how a shell runs).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SystemFields</name>
    <message>
        <source>%1 (not reachable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This system offers no modules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This system does not take jobs now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This system does not take jobs now: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplateService</name>
    <message>
        <source>%1 is not one of the template&apos;s files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no template %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only instructors and administrators publish templates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only its author or an administrator changes a template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in no class, so there is no one to publish a template to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a field of a template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kind must be &quot;compile&quot; or &quot;run&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A template needs a title of 1 to 100 characters on one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is at most 2000 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 template holds a %1 request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A template holds at most %1 files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 makes the template too large: a file may hold %2 MiB, all of them %3 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 grew while it was read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two files are named %1; a template&apos;s files share one folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only its author or an administrator removes a template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has these files already: %2. Copy over them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This template is class %1&apos;s; you teach %2 now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have %1 templates, the most one author may keep; withdraw one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has other names (hard links); publish a copy of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot withdraw the template.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserHome</name>
    <message>
        <source>There is no file &quot;%1&quot; in your home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a symbolic link; Tandem never follows links, so name the file itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; passes through a symbolic link; Tandem never follows links.</source>
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
    <message>
        <source>Read the access token from &lt;file&gt; (default: the local gateway&apos;s token file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compile and run the bundled sample through the window, saving a screenshot of each step into &lt;dir&gt;; exit non-zero on failure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::AdminTab</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by user, group or state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected sessions (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop all sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stop all %n running session(s) you can see? Programs running in them end.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Interactive sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the sessions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n listed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopping %n session(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping all sessions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) stopping; the list follows as each one ends.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::ClassImportDialog</name>
    <message>
        <source>No list chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the passwords…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a class from a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CSV file with one account per line: &lt;i&gt;name[,role[,group[,password]]]&lt;/i&gt;. Accounts without a password get one made up, shown once here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a class list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class lists (*.csv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>larger than 1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list cannot be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created, password made up</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) will be created.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) are refused and will be left out.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Create %n account(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) created.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Save the made-up passwords now: they are shown this once, and the gateway keeps only their hashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the passwords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n password(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No answer about the accounts (%1). Choose the list again to see which exist now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::ClassView</name>
    <message>
        <source>Connected or ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open their jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class (group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show the class: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (job %2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no jobs yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n student(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running or waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add students from a list…</source>
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
        <source>e.g. -O2 -Wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name of the program to build</source>
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
        <source>Loading the gateway&apos;s systems…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(choose a system, sources and an output name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other files (headers, data):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a source file to read it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. -lm -L/opt/lib</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Libraries and link options, placed after the sources on the command line, where the linker looks for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Libraries:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::ConnectDialog</name>
    <message>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway address must be an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::FindBar</name>
    <message>
        <source>Find in this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
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
    <name>tandem::HomeFileList</name>
    <message>
        <source>Add from home…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload files to your home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload of %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload a folder to your home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot pack %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded the folder to ~/%1; add its files with “Add from home…”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::JobArchiveReader</name>
    <message>
        <source>%1 is not a readable job archive: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Tandem job record.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::JobArchiveWriter</name>
    <message>
        <source>Cannot make a temporary folder for the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no jobs to put in an archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write it to a temporary folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its archive is not one folder of that job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write its record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::JobFormController</name>
    <message>
        <source>(not valid yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 submitted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your command:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Runs as %n task(s), at most %1 at a time.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Runs as %n task(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tandem::JobHistoryController</name>
    <message>
        <source>Cancelling job %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 submitted again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not opened while online, so it is not available offline.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::JobHistoryModel</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staging inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archiving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3 tasks failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (all %2 tasks)</source>
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
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and resubmit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name or job ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compile and run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job changes are pushed by the gateway as they happen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event stream is down; Tandem retries with growing pauses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save job archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n job(s) from the archives.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n job(s); some archives could not be read: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;Job %1 was not opened while online, so only its row is kept offline.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All systems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduler&apos;s job ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch script given to the scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose jobs to list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only one student&apos;s jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read only: a job of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My class (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (class %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive the jobs shown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All the jobs the table shows now, each in its owner&apos;s folder, as one archive to review offline (File › Open job archive…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the jobs shown as one archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting the jobs in one archive: %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n job(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n job(s); some could not be put in the archive: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Tasks: %1 of %2 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (finished)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>did not end (the job was stopped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (failed)</source>
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
    <message>
        <source>No keychain service is running, so the sign-in is kept in memory only: you will be asked again next time. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway needs you to sign in (the sign-in expired or was revoked). What you typed in the forms is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tandem — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open job &amp;archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open job archives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job archives (*.tar.gz *.tgz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — %1. The jobs already seen stay browsable; Tandem reconnects by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to a gateway…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — job %2 (read only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notifications…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a desktop notification when:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not kept for offline review.</source>
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
    <name>tandem::Notifier</name>
    <message>
        <source>less than a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A job of mine starts running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job of mine ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A running job of mine is close to its time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My session is close to its idle or lifetime limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tandem session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tandem job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 (%2) ended: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 (%2) is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 (%2) reaches its time limit in about %3; it is stopped then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session ends in about %1 (at %2), when it reaches its lifetime. Save your work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session stops in about %1 unless something connects to it: it has had no connection for %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::RemoteFileDialog</name>
    <message>
        <source>Choose files from your home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home: /%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::RunTab</name>
    <message>
        <source>Submit run job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arguments passed to the program</source>
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
        <source>Quick: wait for the result (at most 30 seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch: queue it; you are notified when it ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the gateway&apos;s systems…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programs built by your compile jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path in your home, e.g. jobs/…/hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(choose a system and a program)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compiled program:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct (no launcher)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue limits: up to %1 node(s), %2 cores per node, %3 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (job %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 1-10, or 1-100%5 for at most 5 at a time; empty for one task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job array: the program runs once for each index, which it finds in TANDEM_ARRAY_INDEX; each task writes stdout-INDEX.txt and stderr-INDEX.txt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Array of tasks:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::SessionFilesPanel</name>
    <message>
        <source>Upload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use in Compile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected file to the Compile form&apos;s sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the folder %1? Only an empty folder can be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files appear here while a session is connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder name cannot be empty, &quot;.&quot; or &quot;..&quot;, or contain &quot;/&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name cannot be empty, &quot;.&quot; or &quot;..&quot;, or contain &quot;/&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renaming %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::SftpClient</name>
    <message>
        <source>The session did not start its SFTP service: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::SignInDialog</name>
    <message>
        <source>Send my password anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This gateway is not on this computer and does not use HTTPS: your password and every job would cross the network unencrypted. Ask its administrator for an https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::SshConnection</name>
    <message>
        <source>Out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the session at %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused to connect: the session&apos;s host key (%1) is not the one the gateway announced (%2). Someone may be intercepting the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session did not accept this desktop&apos;s key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session accepted this desktop&apos;s key but asks for a further login step, which Tandem does not offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <extracomment>What a connection attempt was doing when it ran out of time (&quot;The session did not answer within 20 s: …&quot;)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchanging keys</source>
        <extracomment>What a connection attempt was doing when it ran out of time (&quot;The session did not answer within 20 s: …&quot;)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking the host key</source>
        <extracomment>What a connection attempt was doing when it ran out of time (&quot;The session did not answer within 20 s: …&quot;)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authenticating</source>
        <extracomment>What a connection attempt was doing when it ran out of time (&quot;The session did not answer within 20 s: …&quot;)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening the shell</source>
        <extracomment>What a connection attempt was doing when it ran out of time (&quot;The session did not answer within 20 s: …&quot;)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session did not answer within %1 s: %2</source>
        <extracomment>%1: seconds; %2: what the attempt was doing, e.g. &quot;authenticating&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gateway&apos;s configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused to connect to the login node %1: its host key (%2) is not pinned in %3. An administrator must confirm the key and add it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused to connect to the login node %1: its host key (%2) is not the one pinned in %3 (%4). Someone may be intercepting the connection, or the node&apos;s key changed: an administrator must confirm the new key before the gateway uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the login node %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node %1 did not accept the gateway&apos;s key for %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the private key %1 (it must be an OpenSSH key without a passphrase).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::SshRemote</name>
    <message>
        <source>The connection was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node did not start its SFTP service: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot run %1 on the login node: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 did not finish within %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was ended by signal %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ended without an exit status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost the connection while %1 ran: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists on the login node and is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 holds more than %n entries.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a regular file on the login node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than the %2 bytes left for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1 here: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A command word holds a NUL byte.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wrote more than %2 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 leads out of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on the login node belongs to another account (uid %2): the gateway keeps jobs&apos; files only in folders of its own account or of root.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on the login node can be written by other accounts (mode %2): the gateway keeps jobs&apos; files only where no one else can change them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::TemplateBar</name>
    <message>
        <source>Templates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish as template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from an exercise your class was given: its files are copied into your home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give this request and its files to your class as a template</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n file(s) into %1; the form is filled from the template.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tandem::TemplatePicker</name>
    <message>
        <source>Loading the templates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compile templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The templates cannot be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your class has no templates of this kind yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

By %2, version %3 (%4).
Files: %5
Copied into: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying the files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace your files?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was copied; your files are as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template cannot be copied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish as a template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title for your class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A short text for your students:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template was not published: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published &quot;%1&quot; (version %2) to your class %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::TerminalSettingsDialog</name>
    <message>
        <source>Terminal settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour scheme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Font:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font &amp;size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scrollback:</source>
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
        <source>Stop session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a shell in your own container, with the home Compile and Run use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the session and every program running in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another shell on the same session (Ctrl+Shift+T).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a session for a shell in your own container. It has the same home directory that Compile and Run use, and keeps running when the connection drops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the gateway for a session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 is starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to session %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 — connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 — reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make a key pair for the session (libssh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway did not start a session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reattach to session %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 is stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session did not open a shell: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to your session was lost (%1). Reconnecting — your shells keep running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway no longer knows this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended: %1 What is on screen stays until you start a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot stop the session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shell %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No terminal is open; the session keeps running. Open one with New tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the session&apos;s files beside the terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Sending this desktop&apos;s key to the session again did not help.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::TourRunner</name>
    <message>
        <source>connect to the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out waiting to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundled sample is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading the sample failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>load the systems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local system offers no MPI C compiler (mpicc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preview the compile command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finish compiling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The compile job %1 did not finish: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local system offers no mpirun.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preview the run command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finish running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run job %1 did not finish: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the job&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the program&apos;s output</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Tour complete: %n screenshot(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>start a session and open its shell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the home in the terminal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::ArchiveUpload</name>
    <message>
        <source>The upload is not a readable .tar or .tar.gz archive: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; in the archive is a link or special file; only files and folders can be uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpacked, the archive would use %1 MB of your %2 MB quota.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already; nothing was unpacked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive holds more than %1 entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; appears twice in the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive is damaged at &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::EventsController</name>
    <message>
        <source>You have %1 event streams open already; close a Tandem window or sign out on another computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This connection is not tracked by the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::Executor</name>
    <message>
        <source>Ended by signal %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exited with code %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::FilesController</name>
    <message>
        <source>There is no file &quot;%1&quot; in your home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This upload would use %1 MB of your %2 MB quota.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no &quot;%1&quot; in your home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination folder does not exist in your home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>op must be mkdir, move or extract.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your home itself cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported method on files.</source>
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
    <message>
        <source>The OpenAPI document is not built in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body is larger than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body is not valid JSON: %1 at byte %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing at %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS needs both a readable certificate and key (--tls-cert, --tls-key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate or key is not valid PEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB of your uploads are still on their way; wait for them before sending more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This connection is not tracked by the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This gateway has no way to reach the %1 scheduler.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sessionSystem: %1 is not a Slurm system the gateway reaches directly.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::JobFilesController</name>
    <message>
        <source>This connection is not tracked by the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs are stdout and stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such output file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No output file %1 in job %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::JobService</name>
    <message>
        <source>Accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record the job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copying %n input file(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting for %n core(s) in queue %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No such job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record the job&apos;s new state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collecting outputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no job %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 has already ended (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is ending already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an ISO 8601 date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit must be between 1 and 500.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sort must be one of %1, optionally prefixed with &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cursor is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued again after the gateway restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway stopped while the job was %1; it did not complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 expired; its files were removed after the retention period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owner can resubmit a job: its files are in their home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the job&apos;s request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owner or an administrator can delete a job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is still %2: cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Expired after %n day(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The system %1 uses the %2 scheduler, which this gateway cannot reach yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs cannot run on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the job directory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot copy %1 into the job directory: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the job script: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You have %n job(s) waiting already; submit more once some have started.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Staging this job&apos;s inputs would use %1 MB of your %2 MB quota.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job has no directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted to %1 as job %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Followed again after the gateway restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the batch script: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in no class (group), so there is no class to list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope must be &quot;mine&quot;, &quot;class&quot; or &quot;all&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only instructors and administrators see a class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a class: you are in none yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You teach the class %1 only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n task(s) failed: %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n task(s) finished.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tandem::gateway::LocalExecutor</name>
    <message>
        <source>Cancelled before it started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the job runner %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at the time limit of %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled while running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished normally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Killed by the system, most likely out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs run in a bubblewrap sandbox: read-only system, nothing of the gateway, own PID and network namespaces, only their job directory writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: jobs run WITHOUT a sandbox, as the gateway&apos;s user, because --allow-unsandboxed was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs are refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the job&apos;s output files in its directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It ended while the gateway was stopped, and how is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::LocalSessionBackend</name>
    <message>
        <source>The session&apos;s sshd ended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session&apos;s sshd did not accept connections within 10 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions need prlimit (util-linux) on the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make the session&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the session&apos;s log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the session: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::PasswordWork</name>
    <message>
        <source>The gateway is checking many passwords at once; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::SessionPolicies</name>
    <message>
        <source>%1: sessions are configured per role (user, instructor, admin), each an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 must be a whole number of at least 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 is not a session setting (maxSessions, idleTimeoutSeconds, maxLifetimeSeconds, memoryLimitMb).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tandem::gateway::SessionService</name>
    <message>
        <source>Accepting connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publicKey must be one OpenSSH public key line (ssh-ed25519, ecdsa or ssh-rsa).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no session %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 is already %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account may not start interactive sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You already have %n session(s) running (%1); stop one first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no session %1; no session was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n minute(s) without a connection.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Session %1 is still starting; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway restarted while the session was starting; start it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session ended while the gateway was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found again after the gateway restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Time limit reached: sessions of your role last at most %n minute(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tandem::gateway::SlurmExecutor</name>
    <message>
        <source>it has not been asked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm&apos;s commands (sbatch) are not installed on the gateway&apos;s machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm&apos;s controller has not answered yet (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm&apos;s controller has not answered since %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be given to Slurm: a %2 there must be one word of letters, digits and ._/:+@%=,-.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm refused the job: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>squeue&apos;s answer is not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before it reached Slurm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm no longer knows its job %1, so how it ended is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm expects it to start around %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished normally (Slurm job %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stopped by Slurm at its time limit of %n minute(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled in Slurm (by an administrator or the system).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Killed by Slurm: it used more memory than it was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm ended it as %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm&apos;s controller has not answered since %1; the job keeps its last known state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm&apos;s controller answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every task of a job runs in a bubblewrap sandbox on its node: read-only system, nothing of the gateway, no Slurm credentials, only its job directory writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm jobs are refused: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm jobs run only in a sandbox, and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job has no program to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job&apos;s batch script is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm&apos;s partitions have not been read yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm on the login node %1 has not answered yet (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm on the login node %1 has not answered since %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job directory cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the job directory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The job directory holds more than %n files.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copying %n file(s) to the login node %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot copy the job&apos;s files to the login node: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying the job&apos;s files back from the login node %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the job directory cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than the space left (%2 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything could be copied back from the login node: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key %1 for the login node may be read by others than the gateway&apos;s account (chmod 600 it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login node did not say where its account&apos;s home is; give an absolute root for the jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job has no directory of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(what is left is kept on the login node in %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm on the login node has not answered for your account there (%1); the job keeps its last known state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm on the login node answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Tasks: %1 running, %2 ended (%3 failed) of %n.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tandem::gateway::SlurmSessionBackend</name>
    <message>
        <source>The home folder %1 cannot be given to Slurm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make the session&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm did not take the session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted to %1 as job %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm no longer knows the session&apos;s job %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slurm expects it to start around %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Time limit reached: a session on %1 lasts at most %n minute(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Slurm ended the session&apos;s job as %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The session&apos;s job runs, but its sshd did not accept connections within %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tandem::gateway::UsersController</name>
    <message>
        <source>Only administrators manage accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role must be user, instructor or admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of memory while hashing the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only instructors and administrators add accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in no class, so you cannot add students to one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>csv must be the class list as text (at most 1 MiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an instructor adds students (role user) only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you teach the class %1, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A list holds at most 500 accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a name kept for the system.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another class list is being made; try again when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
