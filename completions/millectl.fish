# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_millectl_global_optspecs
    string join \n server= profile= o/output= no-color columns= utc v/verbose jq= no-pager h/help V/version
end

function __fish_millectl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_millectl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_millectl_using_subcommand
    set -l cmd (__fish_millectl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c millectl -n "__fish_millectl_needs_command" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_needs_command" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_needs_command" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_needs_command" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_needs_command" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_needs_command" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_needs_command" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_needs_command" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_needs_command" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_needs_command" -s V -l version -d 'Print version'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "login" -d 'Log in (interactive, or --password-stdin/--with-token for scripts)'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "logout" -d 'Forget the stored session (and end it on the server)'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "whoami" -d 'Who the current session or token belongs to'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "user" -d 'Show and list users; require a new password of one'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "unblock" -d 'Unblock a user: three more attempts, or the right to set a new password'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "phone" -d 'Set users\' mobile numbers for SMS codes'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "approve" -d 'Approve another operator\'s request that waits for a second operator'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "approvals" -d 'The requests waiting for a second operator (maker–checker)'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "envelope" -d 'Back-office: a one-time access password for a sealed envelope, printed once'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "token" -d 'Hardware tokens: load the inventory, assign by serial, withdraw'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "config" -d 'Read and change the config file (server per profile)'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "api-token" -d 'API tokens for batch scripts (operators)'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "audit" -d 'The audit trail: who did what to whom, newest first'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "completions" -d 'Print the shell completion script of millectl'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "man" -d 'Print the man page of millectl or of one of its commands'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "generate-assets" -d 'Write completions/ and man/ (what scripts/generate-assets.sh runs)'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "demo" -d 'Walk through the helpdesk job against a throw-away server started in-process'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "server" -d 'Run the auth API (SQLite by default, PostgreSQL for several replicas)'
complete -c millectl -n "__fish_millectl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand login" -l millekod -d 'Company code; leave out for HelpDesk operators' -r
complete -c millectl -n "__fish_millectl_using_subcommand login" -l login -d 'Your login' -r
complete -c millectl -n "__fish_millectl_using_subcommand login" -l otp -d 'Deprecated: the one-time code as an argument, visible in the process list; give it at the prompt, or on stdin after the password with --password-stdin' -r
complete -c millectl -n "__fish_millectl_using_subcommand login" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand login" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand login" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand login" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand login" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand login" -l password-stdin -d 'Read the secrets from stdin, one per line: the password (first login and new password: the temporary password, then the new one), then the one-time code'
complete -c millectl -n "__fish_millectl_using_subcommand login" -l with-token -d 'Read an API token from stdin and store it instead of logging in'
complete -c millectl -n "__fish_millectl_using_subcommand login" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand login" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand login" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand login" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand logout" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand logout" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand logout" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand logout" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand logout" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand logout" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand logout" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand logout" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand logout" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -f -a "show" -d 'Show one user: status, attempts, authorization tool, phone (masked)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -f -a "list" -d 'List the users of a company, filtered'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -f -a "find" -d 'Find users across companies (a co-user: in their own) by login, name, the phone\'s last digits or MilleKod'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -f -a "require-password-change" -d 'Make a user set a new password at their next login (e.g. one stored under an old scheme): a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -f -a "suspend" -d 'Block a user on purpose (lost token, suspected fraud, left the company), with a reason: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -f -a "release" -d 'Lift a suspension: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -f -a "resend" -d 'Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -f -a "history" -d 'Why is this user blocked: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first'
complete -c millectl -n "__fish_millectl_using_subcommand user; and not __fish_seen_subcommand_from show list find require-password-change suspend release resend history help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -l millekod -d 'Company code [default: your own, for co-users]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -l reveal-phone -d 'Show the whole phone number (recorded in the audit)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l millekod -d 'Company code [default: your own, for co-users]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l status -d 'Only users in this status (repeatable): pending_activation, active, blocked, awaiting_new_password' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l tool -d 'Only users of this authorization tool' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N users [default: every one, read 1000 a page]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l blocked -d 'Only blocked users (the same as `--status blocked`)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l all -d 'Print every user (the default; a script can say so)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l millekod -d 'Only this company (co-users always search their own)' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l status -d 'Only users in this status (repeatable): pending_activation, active, blocked, awaiting_new_password' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l tool -d 'Only users of this authorization tool' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l limit -d 'Print at most N users [default: every one, read 1000 a page]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l all -d 'Print every user (the default; a script can say so)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from find" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -l millekod -d 'Company code [default: your own, for co-users]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from require-password-change" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -l millekod -d 'Company code' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -l reason -d 'Why (required): a ticket number or a few words, shown with the user and kept in the audit, e.g. "lost token, ticket 4411"' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from suspend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -l millekod -d 'Company code' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from release" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l millekod -d 'Company code [default: your own, for co-users]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l from -d 'Read the users from FILE (`-`: stdin): one login, or millekod;login, per line; blank lines and # comments are skipped' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from resend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l millekod -d 'Company code [default: your own, for co-users]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l since -d 'Only entries from this time on: a span back from now (90m, 1h30m, 2d, 1w), a date-time in the local time zone (TZ) such as 2026-11-30 14:02 (or 2026-11-30 for its midnight), or one with Z or an offset (2026-11-30T13:02:00Z, +01:00)' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l limit -d 'At most this many entries [server default: 50]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one user: status, attempts, authorization tool, phone (masked)'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the users of a company, filtered'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "find" -d 'Find users across companies (a co-user: in their own) by login, name, the phone\'s last digits or MilleKod'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "require-password-change" -d 'Make a user set a new password at their next login (e.g. one stored under an old scheme): a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "suspend" -d 'Block a user on purpose (lost token, suspected fraud, left the company), with a reason: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "release" -d 'Lift a suspension: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "resend" -d 'Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "history" -d 'Why is this user blocked: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first'
complete -c millectl -n "__fish_millectl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -f -a "current-password" -d 'The user remembers the password: grant three more attempts with it'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -f -a "new-password" -d 'The user forgot it: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and not __fish_seen_subcommand_from current-password new-password help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l millekod -d 'Company code [default: your own, for co-users]' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l from -d 'Read the users from FILE (`-`: stdin): one login, or millekod;login, per line; blank lines and # comments are skipped' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from current-password" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l millekod -d 'Company code [default: your own, for co-users]' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l from -d 'Read the users from FILE (`-`: stdin): one login, or millekod;login, per line; blank lines and # comments are skipped' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from new-password" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from help" -f -a "current-password" -d 'The user remembers the password: grant three more attempts with it'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from help" -f -a "new-password" -d 'The user forgot it: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)'
complete -c millectl -n "__fish_millectl_using_subcommand unblock; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -f -a "set" -d 'Set a user\'s mobile number, as people type it: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -f -a "import" -d 'Change many users\' numbers from a CSV file (millekod,login,phone[,expected_phone]), in chunks, resumable after an interruption: run the same command again'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and not __fish_seen_subcommand_from set import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -l millekod -d 'Company code [default: your own, for co-users]' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l report -d 'Write a CSV with one line per input row: its outcome and message (numbers masked)' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l journal -d 'Where finished chunks are recorded, for resuming [default: a file under the config directory named after the input\'s hash and the server]' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l concurrency -d 'Chunks sent at once' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l chunk-size -d 'Rows per chunk (a resumed import keeps the size it started with)' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l retry-for -d 'How long to keep retrying a chunk while the server is unreachable, restarting or busy, before stopping (the import can then be resumed). Each retry is said on stderr, with its reason and wait' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l progress-every -d 'When stderr is not a terminal: how often a progress line is printed there (0: after every chunk)' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l dry-run -d 'Ask the server what would happen to each row; change nothing'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l check -d 'Check the file here and stop: send nothing'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l no-notify-old -d 'Do not tell the old numbers of the change by SMS. Needs --reason; every row\'s audit record says the old number was not told'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a user\'s mobile number, as people type it: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from help" -f -a "import" -d 'Change many users\' numbers from a CSV file (millekod,login,phone[,expected_phone]), in chunks, resumable after an interruption: run the same command again'
complete -c millectl -n "__fish_millectl_using_subcommand phone; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand approve" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand approve" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand approve" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand approve" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand approve" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand approve" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand approve" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand approve" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand approve" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand approve" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand approve" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand approvals" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -l millekod -d 'Company code' -r
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand envelope" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -f -a "load" -d 'Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -f -a "list" -d 'Serials available for assignment'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -f -a "assign" -d 'Give a user the token with this serial; their codes then come from it'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -f -a "withdraw" -d 'Take a user\'s token away for good; with a mobile number they get SMS codes'
complete -c millectl -n "__fish_millectl_using_subcommand token; and not __fish_seen_subcommand_from load list assign withdraw help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -l millekod -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from assign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l millekod -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l because -d 'Why: lost, broken or returned' -r -f -a "lost\t''
broken\t''
returned\t''"
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from withdraw" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "load" -d 'Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'Serials available for assignment'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "assign" -d 'Give a user the token with this serial; their codes then come from it'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "withdraw" -d 'Take a user\'s token away for good; with a mobile number they get SMS codes'
complete -c millectl -n "__fish_millectl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -f -a "set" -d 'Set a value of the current profile (`server`); creates the profile'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -f -a "show" -d 'Show the current profile: server, its session and whether the server still accepts it, config path'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -f -a "list" -d 'List the profiles: server, stored session, which one is current'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -f -a "use" -d 'Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile still override it)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -f -a "delete" -d 'Delete a profile: its settings and its stored session (ended on the server). The current profile is refused: `config use` another one first'
complete -c millectl -n "__fish_millectl_using_subcommand config; and not __fish_seen_subcommand_from set show list use delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a value of the current profile (`server`); creates the profile'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the current profile: server, its session and whether the server still accepts it, config path'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles: server, stored session, which one is current'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile still override it)'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a profile: its settings and its stored session (ended on the server). The current profile is refused: `config use` another one first'
complete -c millectl -n "__fish_millectl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'Create a token for a batch script; prints it once (it is never shown again)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'List the API tokens, revoked ones included'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'Revoke a token at once; scripts using it get "not authenticated"'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l scope -d 'What the token may do (repeat or separate with commas)' -r -f -a "users:read\t''
users:unblock\t''
phones:write\t''
audit:read\t''"
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l expires-in -d 'Lifetime: 30d, 12h, 90m or 3600s [default: 30 days; at most 365 days]' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N tokens [default: every one]. The server sends the whole list; this cuts it here' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -l all -d 'Print every token (the default)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l reason -d 'Why: a ticket number or a few words, kept in the audit' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Do not ask for confirmation'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a token for a batch script; prints it once (it is never shown again)'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the API tokens, revoked ones included'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a token at once; scripts using it get "not authenticated"'
complete -c millectl -n "__fish_millectl_using_subcommand api-token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l millekod -d 'Only records about this company' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l login -d 'Only records about this login' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l since -d 'Only records from this time on: a span back from now (90m, 1h30m, 2d, 1w), a date-time in the local time zone (TZ) such as 2026-11-30 14:02 (or 2026-11-30 for its midnight), or one with Z or an offset (2026-11-30T13:02:00Z, +01:00)' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l until -d 'Only records up to this time (inclusive), written as for --since' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l action -d 'Only these actions: a full name (user.unblock) or a verb (unblock: every action ending in .unblock); repeat it or separate with commas for several' -r -f -a "login\t''
logout\t''
user.list\t''
user.find\t''
user.show\t''
user.create\t''
user.unblock\t''
user.password_reset\t''
user.resend\t''
phone.set\t''
phone.batch\t''
phone.batch_dry_run\t''
password_masking.set\t''
company.create\t''
operator.create\t''
operator.unblock\t''
operator.reset\t''
api_token.create\t''
api_token.list\t''
api_token.revoke\t''
approval.request\t''
approval.approve\t''
approval.list\t''
envelope.issue\t''
token.assign\t''
token.withdraw\t''
tokens.load\t''
tokens.list\t''
audit.read\t''
user.suspend\t''
user.release\t''
user.history\t''
list\t''
find\t''
show\t''
create\t''
unblock\t''
password_reset\t''
resend\t''
set\t''
batch\t''
batch_dry_run\t''
reset\t''
revoke\t''
request\t''
approve\t''
issue\t''
assign\t''
withdraw\t''
load\t''
read\t''
suspend\t''
release\t''
history\t''"
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l outcome -d 'Only this outcome' -r -f -a "success\t''
failure\t''
denied\t''
not_found\t''
refused\t''
pending\t''
blocked\t''
busy\t''
expired\t''
unavailable\t''
suspended\t''"
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l actor -d 'Only what this actor did: a login or token name (helpdesk), or the audit\'s whole actor (operator:helpdesk, user:12345678/anna, token:batch, anonymous)' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l limit -d 'Print at most N records, newest first [default: 100]; any N, read a page of at most 1000 at a time' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l all -d 'Print every matching record, back to the first'
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand audit" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand audit" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand completions" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand completions" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand completions" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand completions" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand completions" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand completions" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand completions" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand completions" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand completions" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand man" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand man" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand man" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand man" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand man" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand man" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand man" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand man" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand man" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -l out-dir -d 'The directory to write `completions/` and `man/` into (the repository\'s root)' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand generate-assets" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand demo" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand demo" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand demo" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand demo" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand demo" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand demo" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand demo" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand demo" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand demo" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l config -d 'Read the settings from this TOML file: each key a flag\'s long name, e.g. `listen = "0.0.0.0:8443"`, `trusted-proxy = ["10.0.0.0/8"]`. Flags and their environment variables take precedence; secrets only by file or environment' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l log-format -d 'Log format: one JSON object per line (the default when stderr is not a terminal), or text (the default on a terminal). One line per request; colours only on a terminal' -r -f -a "json\t'One JSON object per line: timestamp, level, target, message and fields'
text\t'One line of text per event, for people'"
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l listen -d 'Address to listen on. Plain HTTP only on loopback unless --insecure-http' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l database -d 'Database URL: sqlite://PATH (default: a file in the user\'s data dir) or postgres://USER@HOST/DB' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l pepper-file -d 'File holding the pepper (64 hex characters); or set MILLECTL_PEPPER' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l tls-cert -d 'TLS certificate chain (PEM)' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l tls-key -d 'TLS private key (PEM)' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l lockout-limit -d 'Consecutive failed logins before a block (1-5; EU RTS on SCA, Art. 4)' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l operator-idle-minutes -d 'Operator sessions end after this many minutes without activity' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l operator-max-hours -d 'Operator sessions end this many hours after login, active or not' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l user-idle-seconds -d 'Company users\' sessions end after this many seconds without activity. The EU RTS on SCA (Art. 4(3)(d)) caps it at 300; lower values are for tests' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l bulk-concurrency -d 'Phone-change chunks (`phone import`) worked on at once; more are answered 429 with Retry-After, and clients wait' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l phone-change-hold-hours -d 'After a phone change, no one-time access password goes to the new number without a second operator\'s approval (`millectl approve`) for this many hours (0: never held; at most 720)' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l sms-min-interval-secs -d 'Least seconds between two SMS login codes to one login; a start in between re-uses the live code or is answered 429 with Retry-After (0: no least time)' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l sms-per-hour -d 'SMS login codes to one login in any rolling hour' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l sms-budget-per-minute -d 'SMS login codes all logins together may cost per minute (per database, so for all replicas). Past it the breaker opens until the minute ends: starts needing a new code get 429, and the server logs an error' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l open-challenges-per-login -d 'Open login challenges per login; a start beyond them gets the newest again' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l sms-reuse-min-left-secs -d 'A live SMS code (or open challenge) is handed out again only with at least this many seconds to live; 300, a code\'s whole life, turns re-use off (tests)' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l sweep-interval-secs -d 'Seconds between passes of the background sweep of expired rows (tests)' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l login-attempts-retention -d 'How long login attempts are kept for `user history` and `user show` (30d, 12h, …), and the audit records of anonymous callers (unknown logins\' failures); the background sweep deletes older ones. [default: 90d]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l audit-retention -d 'How long every audit record is kept (400d, 7y as 2555d, …); the background sweep deletes older ones. The audit stays append-only for anything newer. [default: kept for good]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l token-transport-key-file -d 'File with the AES-128 transport key (32 hex characters) under which the token vendor encrypts the seeds of PSKC inventories; without it, back-office cannot load tokens. `--dev` makes one in its directory' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l sms-webhook-url -d 'SMS gateway webhook: each SMS is POSTed there as {"to", "text"}' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l sms-webhook-token-file -d 'File holding the webhook\'s bearer secret (or set MILLECTL_SMS_WEBHOOK_TOKEN)' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l seed-users -d 'Dev server: add N synthetic users (u000001…, 100 per MilleKod from 20000000, phone +48 500 000 000 + n, password `<login>Pass1`) for benchmarks' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l data-dir -d 'Directory of the dev server (default: a new temporary directory)' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l header-timeout-secs -d 'Close a connection whose request head has begun but not ended after this many seconds; also the time a TLS handshake may take' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l body-timeout-secs -d 'Answer 408 and close when a request\'s body has not arrived whole this many seconds after its head' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l idle-timeout-secs -d 'Close a connection on which nothing moved for this many seconds while no request was being answered (a silent new connection, a quiet keep-alive, a client that stopped reading)' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l max-connections -d 'Connections open at once; beyond it the server stops accepting and new ones wait in the kernel\'s backlog. Lowered at start to fit under the descriptor limit' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l max-connections-per-source -d 'Connections open at once from one TCP peer; more are accepted and closed at once. Trusted proxies (--trusted-proxy) are exempt' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l shutdown-timeout -d 'On SIGTERM or Ctrl-C, how long requests in flight may take to finish (30s, 2m, …) once the server stops accepting; queued writes and closing the database fit in the same time. [default: 30s]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l management-listen -l metrics-listen -d 'Also serve GET /v1/health, /v1/health/live, /v1/health/ready and GET /metrics (OpenMetrics text) here, plain HTTP, with a connection cap of its own, so probes get through while the API is at its cap. A bare PORT binds 127.0.0.1:PORT (loopback unless an address is named). `--dev` binds one on 127.0.0.1 (port 0) unless given. Also spelled --metrics-listen' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l trusted-proxy -d 'Proxies (CIDR or address; repeat or separate with commas) whose forwarding header names the client. From anyone else the header is ignored' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l forwarded-header -d 'Which header the trusted proxies write; the other is never read' -r -f -a "x-forwarded-for\t'`X-Forwarded-For: client, proxy1, proxy2` (nginx, HAProxy, cloud load balancers)'
forwarded\t'RFC 7239 `Forwarded: for=client, for="[2001:db8::1]:4711"` (its `for=` only)'"
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l argon2-concurrency -d 'Argon2 verifications run at once; each holds 19 MiB, so Argon2 never holds more than this × 19 MiB. Default: the number of cores, at most 16' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l argon2-queue -d 'Login checks that may wait for an Argon2 slot; one more is answered 503 with Retry-After at once. Default: 4 × --argon2-concurrency' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l argon2-queue-timeout-ms -d 'How long a login check waits for an Argon2 slot before it is answered 503 with Retry-After' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l login-starts-per-source-per-minute -d 'Login starts (POST /v1/sessions) one client address may send per minute, once its burst is spent; more are answered 429 with Retry-After' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l login-starts-burst -d 'Login starts one client address may send at once before the per-minute rate applies (dozens of users behind one corporate NAT)' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l login-checks-per-source-per-minute -d 'Login checks (POST /v1/sessions/{id}, one Argon2 each) one client address may send per minute, once its burst is spent; more are answered 429 with Retry-After' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l login-checks-burst -d 'Login checks one client address may send at once before the per-minute rate applies' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l masked-password-subsets -d 'Subsets of positions stored per new masked password: a challenge asks one of them. More make a watched login less useful to replay (1 in N) and cost one more Argon2 run each when a password is set' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l mask-key-pkcs11-module -d 'PKCS#11 module (the HSM vendor\'s library) holding the key that masks new password records; without it the key is derived from the pepper' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l mask-key-pkcs11-token -d 'Label of the token that holds the key' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l mask-key-pkcs11-key -d 'Label of the key new records are made with (`server mask-key generate`). The token\'s other HMAC keys still check the records they made' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l mask-key-pkcs11-pin-file -d 'File holding the token\'s user PIN; or set MILLECTL_PKCS11_PIN' -r -F
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l insecure-http -d 'Serve plain HTTP on a non-loopback address (behind a TLS-terminating proxy)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l require-reason -d 'Require operators (and their API tokens) to give a reason for every change'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l dev -d 'Throw-away server with demo data, a generated pepper and an SMS outbox file'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -f -a "operator" -d 'Manage HelpDesk operators directly in the database (bootstrap)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -f -a "init-pepper" -d 'Write a new random pepper to a file (mode 0600)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -f -a "mask-key" -d 'Manage the masked-password key in a PKCS#11 token'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -f -a "backup" -d 'Copy an SQLite database to OUT, consistently, while the server runs'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -f -a "restore" -d 'Put a backup back as the SQLite database; stop the server first'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -f -a "config" -d 'Check a config file (`server --config FILE`) without starting the server'
complete -c millectl -n "__fish_millectl_using_subcommand server; and not __fish_seen_subcommand_from operator init-pepper mask-key backup restore config help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -f -a "add" -d 'Create an operator; prints the temporary password and token seed once'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -f -a "unblock" -d 'Give a locked-out operator three more attempts with the current password'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -f -a "reset" -d 'Start an operator over: new temporary password and token seed, printed once'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from operator" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from init-pepper" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -f -a "generate" -d 'Generate a new HMAC key inside the token (never extractable); prints its id'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from mask-key" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -l database -d 'Database URL (sqlite://PATH)' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -l force -d 'Replace OUT if it exists'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -l database -d 'Database URL (sqlite://PATH) to restore to; made if missing' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -l force -d 'Replace the database even while it is in use or unreadable: the running server\'s later writes are lost, and it must be stopped at once'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -l server -d 'The auth API\'s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -l profile -d 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -s o -l output -d 'Output format: a table for people (wide: every column), json or csv for scripts' -r -f -a "table\t'The few columns that matter (on a terminal; piped: every column, tab-separated)'
wide\t'A table with every column'
json\t''
csv\t''"
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -l columns -d 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -l jq -d 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line' -r
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -l no-color -d 'No colors (also NO_COLOR=1)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -l utc -d 'Times in tables in UTC rather than the system\'s zone (also TZ=UTC)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -s v -l verbose -d 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -l no-pager -d 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -f -a "check" -d 'Check every key and value of a config file; prints `FILE: ok`, or the first problem (exit 7)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from config" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "operator" -d 'Manage HelpDesk operators directly in the database (bootstrap)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "init-pepper" -d 'Write a new random pepper to a file (mode 0600)'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "mask-key" -d 'Manage the masked-password key in a PKCS#11 token'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Copy an SQLite database to OUT, consistently, while the server runs'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Put a backup back as the SQLite database; stop the server first'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "config" -d 'Check a config file (`server --config FILE`) without starting the server'
complete -c millectl -n "__fish_millectl_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "login" -d 'Log in (interactive, or --password-stdin/--with-token for scripts)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "logout" -d 'Forget the stored session (and end it on the server)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "whoami" -d 'Who the current session or token belongs to'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "user" -d 'Show and list users; require a new password of one'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "unblock" -d 'Unblock a user: three more attempts, or the right to set a new password'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "phone" -d 'Set users\' mobile numbers for SMS codes'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "approve" -d 'Approve another operator\'s request that waits for a second operator'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "approvals" -d 'The requests waiting for a second operator (maker–checker)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "envelope" -d 'Back-office: a one-time access password for a sealed envelope, printed once'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "token" -d 'Hardware tokens: load the inventory, assign by serial, withdraw'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "config" -d 'Read and change the config file (server per profile)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "api-token" -d 'API tokens for batch scripts (operators)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "audit" -d 'The audit trail: who did what to whom, newest first'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "completions" -d 'Print the shell completion script of millectl'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "man" -d 'Print the man page of millectl or of one of its commands'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "generate-assets" -d 'Write completions/ and man/ (what scripts/generate-assets.sh runs)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "demo" -d 'Walk through the helpdesk job against a throw-away server started in-process'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "server" -d 'Run the auth API (SQLite by default, PostgreSQL for several replicas)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami user unblock phone approve approvals envelope token config api-token audit completions man generate-assets demo server help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "show" -d 'Show one user: status, attempts, authorization tool, phone (masked)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List the users of a company, filtered'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "find" -d 'Find users across companies (a co-user: in their own) by login, name, the phone\'s last digits or MilleKod'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "require-password-change" -d 'Make a user set a new password at their next login (e.g. one stored under an old scheme): a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "suspend" -d 'Block a user on purpose (lost token, suspected fraud, left the company), with a reason: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "release" -d 'Lift a suspension: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "resend" -d 'Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "history" -d 'Why is this user blocked: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from unblock" -f -a "current-password" -d 'The user remembers the password: grant three more attempts with it'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from unblock" -f -a "new-password" -d 'The user forgot it: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from phone" -f -a "set" -d 'Set a user\'s mobile number, as people type it: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from phone" -f -a "import" -d 'Change many users\' numbers from a CSV file (millekod,login,phone[,expected_phone]), in chunks, resumable after an interruption: run the same command again'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "load" -d 'Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'Serials available for assignment'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "assign" -d 'Give a user the token with this serial; their codes then come from it'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "withdraw" -d 'Take a user\'s token away for good; with a mobile number they get SMS codes'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set a value of the current profile (`server`); creates the profile'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show the current profile: server, its session and whether the server still accepts it, config path'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'List the profiles: server, stored session, which one is current'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "use" -d 'Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile still override it)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "delete" -d 'Delete a profile: its settings and its stored session (ended on the server). The current profile is refused: `config use` another one first'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from api-token" -f -a "create" -d 'Create a token for a batch script; prints it once (it is never shown again)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from api-token" -f -a "list" -d 'List the API tokens, revoked ones included'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from api-token" -f -a "revoke" -d 'Revoke a token at once; scripts using it get "not authenticated"'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "operator" -d 'Manage HelpDesk operators directly in the database (bootstrap)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "init-pepper" -d 'Write a new random pepper to a file (mode 0600)'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "mask-key" -d 'Manage the masked-password key in a PKCS#11 token'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "backup" -d 'Copy an SQLite database to OUT, consistently, while the server runs'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "restore" -d 'Put a backup back as the SQLite database; stop the server first'
complete -c millectl -n "__fish_millectl_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "config" -d 'Check a config file (`server --config FILE`) without starting the server'
