#compdef millectl

autoload -U is-at-least

_millectl() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_millectl_commands" \
"*::: :->millectl" \
&& ret=0
    case $state in
    (millectl)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-command-$line[1]:"
        case $line[1] in
            (login)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code; leave out for HelpDesk operators]:MILLEKOD:_default' \
'--login=[Your login]:LOGIN:_default' \
'(--with-token)--otp=[Deprecated\: the one-time code as an argument, visible in the process list; give it at the prompt, or on stdin after the password with --password-stdin]:CODE:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'(--with-token)--password-stdin[Read the secrets from stdin, one per line\: the password (first login and new password\: the temporary password, then the new one), then the one-time code]' \
'--with-token[Read an API token from stdin and store it instead of logging in]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(whoami)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(user)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_millectl__subcmd__user_commands" \
"*::: :->user" \
&& ret=0

    case $state in
    (user)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-user-command-$line[1]:"
        case $line[1] in
            (show)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code \[default\: your own, for co-users\]]:MILLEKOD:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--reveal-phone[Show the whole phone number (recorded in the audit)]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login -- The user'\''s login:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code \[default\: your own, for co-users\]]:MILLEKOD:_default' \
'*--status=[Only users in this status (repeatable)\: pending_activation, active, blocked, awaiting_new_password]:STATUS:_default' \
'--tool=[Only users of this authorization tool]:sms|token:_default' \
'--limit=[Print at most N users (default\: every one, page by page)]:N:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--blocked[Only blocked users (the same as \`--status blocked\`)]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(find)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Only this company (co-users always search their own)]:MILLEKOD:_default' \
'*--status=[Only users in this status (repeatable)\: pending_activation, active, blocked, awaiting_new_password]:STATUS:_default' \
'--tool=[Only users of this authorization tool]:sms|token:_default' \
'--limit=[Print at most N users (default\: every one, page by page)]:N:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':query -- What the caller said\: a login or its beginning (`jkowal`), a word of the name with or without accents (`wojcik`), the phone'\''s last digits (`678`, `…678`, at least 3), or a MilleKod (`12345678`):_default' \
&& ret=0
;;
(require-password-change)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code \[default\: your own, for co-users\]]:MILLEKOD:_default' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login -- The user'\''s login:_default' \
&& ret=0
;;
(suspend)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code]:MILLEKOD:_default' \
'--reason=[Why (required)\: a ticket number or a few words, shown with the user and kept in the audit, e.g. "lost token, ticket 4411"]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login -- The user'\''s login:_default' \
&& ret=0
;;
(release)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code]:MILLEKOD:_default' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login -- The suspended user'\''s login:_default' \
&& ret=0
;;
(resend)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code \[default\: your own, for co-users\]]:MILLEKOD:_default' \
'--from=[Read the users from FILE (\`-\`\: stdin)\: one login, or millekod;login, per line; blank lines and # comments are skipped]:FILE|-:_files' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
'*::logins -- The users'\'' logins (awaiting a new password or a first login):_default' \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code \[default\: your own, for co-users\]]:MILLEKOD:_default' \
'--since=[Only entries from this time on\: a span back from now (30m, 1h, 2d) or a time (2025-05-01T08\:00\:00Z, or a date, 2025-05-01, meaning its midnight UTC)]:SPAN|TIME:_default' \
'--limit=[At most this many entries \[server default\: 50\]]:LIMIT:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login -- The user'\''s login:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__user__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-user-help-command-$line[1]:"
        case $line[1] in
            (show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(find)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(require-password-change)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(suspend)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(release)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(resend)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(unblock)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_millectl__subcmd__unblock_commands" \
"*::: :->unblock" \
&& ret=0

    case $state in
    (unblock)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-unblock-command-$line[1]:"
        case $line[1] in
            (current-password)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code \[default\: your own, for co-users\]]:MILLEKOD:_default' \
'--from=[Read the users from FILE (\`-\`\: stdin)\: one login, or millekod;login, per line; blank lines and # comments are skipped]:FILE|-:_files' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
'*::logins -- The blocked users'\'' logins (one, or several):_default' \
&& ret=0
;;
(new-password)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code \[default\: your own, for co-users\]]:MILLEKOD:_default' \
'--from=[Read the users from FILE (\`-\`\: stdin)\: one login, or millekod;login, per line; blank lines and # comments are skipped]:FILE|-:_files' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
'*::logins -- The blocked users'\'' logins (one, or several):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__unblock__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-unblock-help-command-$line[1]:"
        case $line[1] in
            (current-password)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(new-password)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(phone)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_millectl__subcmd__phone_commands" \
"*::: :->phone" \
&& ret=0

    case $state in
    (phone)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-phone-command-$line[1]:"
        case $line[1] in
            (set)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code \[default\: your own, for co-users\]]:MILLEKOD:_default' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login -- The user'\''s login:_default' \
':phone -- The mobile number:_default' \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
'--report=[Write a CSV with one line per input row\: its outcome and message (numbers masked)]:OUT.csv:_files' \
'--journal=[Where finished chunks are recorded, for resuming \[default\: a file under the config directory named after the input'\''s hash and the server\]]:PATH:_files' \
'--concurrency=[Chunks sent at once]:CONCURRENCY:_default' \
'--chunk-size=[Rows per chunk (a resumed import keeps the size it started with)]:CHUNK_SIZE:_default' \
'--retry-for=[How long to keep retrying a chunk while the server is unreachable, restarting or busy, before stopping (the import can then be resumed)]:SECONDS:_default' \
'--progress-every=[When stderr is not a terminal\: how often a progress line is printed there (0\: after every chunk)]:SECONDS:_default' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--dry-run[Ask the server what would happen to each row; change nothing]' \
'(--dry-run)--check[Check the file here and stop\: send nothing]' \
'--no-notify-old[Do not tell the old numbers of the change by SMS. Needs --reason; every row'\''s audit record says the old number was not told]' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':file -- CSV file with a header naming millekod, login, phone and optionally expected_phone; `,` or `;` separated, UTF-8. `-` reads stdin:_files' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__phone__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-phone-help-command-$line[1]:"
        case $line[1] in
            (set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(approve)
_arguments "${_arguments_options[@]}" : \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':id -- The id of the request (from `millectl approvals`, or the unblock'\''s output):_default' \
&& ret=0
;;
(approvals)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(envelope)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Company code]:MILLEKOD:_default' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login -- The user awaiting a new password (after an unblock) or a first login:_default' \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_millectl__subcmd__token_commands" \
"*::: :->token" \
&& ret=0

    case $state in
    (token)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-token-command-$line[1]:"
        case $line[1] in
            (load)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':file -- The PSKC file:_files' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(assign)
_arguments "${_arguments_options[@]}" : \
'--millekod=[]:MILLEKOD:_default' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login:_default' \
':serial:_default' \
&& ret=0
;;
(withdraw)
_arguments "${_arguments_options[@]}" : \
'--millekod=[]:MILLEKOD:_default' \
'--because=[Why\: lost, broken or returned]:BECAUSE:(lost broken returned)' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__token__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-token-help-command-$line[1]:"
        case $line[1] in
            (load)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(assign)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(withdraw)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(config)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_millectl__subcmd__config_commands" \
"*::: :->config" \
&& ret=0

    case $state in
    (config)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-config-command-$line[1]:"
        case $line[1] in
            (set)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':key -- The key\: `server`:(server)' \
':value -- The value, e.g. https\://auth.bank.example:_default' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__config__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-config-help-command-$line[1]:"
        case $line[1] in
            (set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(api-token)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_millectl__subcmd__api-token_commands" \
"*::: :->api-token" \
&& ret=0

    case $state in
    (api-token)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-api-token-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
'*--scope=[What the token may do (repeat or separate with commas)]:SCOPE:(users\:read users\:unblock phones\:write audit\:read)' \
'--expires-in=[Lifetime\: 30d, 12h, 90m or 3600s \[default\: 30 days; at most 365 days\]]:EXPIRES_IN:_default' \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':name -- A name saying which script uses it, e.g. "nightly-unblock-report"; unique among all tokens, revoked ones included, as the audit names tokens by it:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(revoke)
_arguments "${_arguments_options[@]}" : \
'--reason=[Why\: a ticket number or a few words, kept in the audit]:REASON:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':id -- The token'\''s id (from `millectl api-token list`):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__api-token__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-api-token-help-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(revoke)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(audit)
_arguments "${_arguments_options[@]}" : \
'--millekod=[Only records about this company]:MILLEKOD:_default' \
'--login=[Only records about this login]:LOGIN:_default' \
'--since=[Only records from this time on\: a span back from now (30m, 1h, 2d) or a time (2025-05-01T08\:00\:00Z, or a date, 2025-05-01, meaning its midnight UTC)]:SPAN|TIME:_default' \
'--until=[Only records up to this time (inclusive), written as for --since]:SPAN|TIME:_default' \
'*--action=[Only these actions\: a full name (user.unblock) or a verb (unblock\: every action ending in .unblock); repeat it or separate with commas for several]:ACTION:(login logout user.list user.find user.show user.create user.unblock user.password_reset user.resend phone.set phone.batch phone.batch_dry_run password_masking.set company.create operator.create operator.unblock operator.reset api_token.create api_token.list api_token.revoke approval.request approval.approve approval.list envelope.issue token.assign token.withdraw tokens.load tokens.list audit.read user.suspend user.release user.history list find show create unblock password_reset resend set batch batch_dry_run reset revoke request approve issue assign withdraw load read suspend release history)' \
'--outcome=[Only this outcome]:OUTCOME:(success failure denied not_found refused pending blocked busy expired unavailable suspended)' \
'--actor=[Only what this actor did\: a login or token name (helpdesk), or the audit'\''s whole actor (operator\:helpdesk, user\:12345678/anna, token\:batch, anonymous)]:NAME:_default' \
'--limit=[At most this many records \[server default\: 100\]]:LIMIT:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':shell -- The shell, e.g. `millectl completions bash > ~/.local/share/bash-completion/completions/millectl`:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
'*::command -- The command whose page to print, e.g. `user show` \[default\: millectl itself\]:_default' \
&& ret=0
;;
(generate-assets)
_arguments "${_arguments_options[@]}" : \
'--out-dir=[The directory to write \`completions/\` and \`man/\` into (the repository'\''s root)]:OUT_DIR:_files' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(demo)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(server)
_arguments "${_arguments_options[@]}" : \
'--listen=[Address to listen on. Plain HTTP only on loopback unless --insecure-http]:LISTEN:_default' \
'--database=[Database URL\: sqlite\://PATH (default\: a file in the user'\''s data dir) or postgres\://USER@HOST/DB]:DATABASE:_default' \
'--pepper-file=[File holding the pepper (64 hex characters); or set MILLECTL_PEPPER]:PEPPER_FILE:_files' \
'--tls-cert=[TLS certificate chain (PEM)]:TLS_CERT:_files' \
'--tls-key=[TLS private key (PEM)]:TLS_KEY:_files' \
'--lockout-limit=[Consecutive failed logins before a block (1-5; EU RTS on SCA, Art. 4)]:LOCKOUT_LIMIT:_default' \
'--operator-idle-minutes=[Operator sessions end after this many minutes without activity]:OPERATOR_IDLE_MINUTES:_default' \
'--operator-max-hours=[Operator sessions end this many hours after login, active or not]:OPERATOR_MAX_HOURS:_default' \
'--user-idle-seconds=[Company users'\'' sessions end after this many seconds without activity. The EU RTS on SCA (Art. 4(3)(d)) caps it at 300; lower values are for tests]:USER_IDLE_SECONDS:_default' \
'--bulk-concurrency=[Phone-change chunks (\`phone import\`) worked on at once; more are answered 429 with Retry-After, and clients wait]:BULK_CONCURRENCY:_default' \
'--phone-change-hold-hours=[After a phone change, no one-time access password goes to the new number without a second operator'\''s approval (\`millectl approve\`) for this many hours (0\: never held; at most 720)]:PHONE_CHANGE_HOLD_HOURS:_default' \
'--sms-min-interval-secs=[Least seconds between two SMS login codes to one login; a start in between re-uses the live code or is answered 429 with Retry-After (0\: no least time)]:SMS_MIN_INTERVAL_SECS:_default' \
'--sms-per-hour=[SMS login codes to one login in any rolling hour]:SMS_PER_HOUR:_default' \
'--sms-budget-per-minute=[SMS login codes all logins together may cost per minute (per database, so for all replicas). Past it the breaker opens until the minute ends\: starts needing a new code get 429, and the server logs an error]:SMS_BUDGET_PER_MINUTE:_default' \
'--open-challenges-per-login=[Open login challenges per login; a start beyond them gets the newest again]:OPEN_CHALLENGES_PER_LOGIN:_default' \
'--sms-reuse-min-left-secs=[A live SMS code (or open challenge) is handed out again only with at least this many seconds to live; 300, a code'\''s whole life, turns re-use off (tests)]:SMS_REUSE_MIN_LEFT_SECS:_default' \
'--sweep-interval-secs=[Seconds between passes of the background sweep of expired rows (tests)]:SWEEP_INTERVAL_SECS:_default' \
'--login-attempts-retention=[How long login attempts are kept for \`user history\` and \`user show\` (30d, 12h, …); the background sweep deletes older ones. \[default\: 90d\]]:SPAN:_default' \
'--token-transport-key-file=[File with the AES-128 transport key (32 hex characters) under which the token vendor encrypts the seeds of PSKC inventories; without it, back-office cannot load tokens. \`--dev\` makes one in its directory]:FILE:_files' \
'--sms-webhook-url=[SMS gateway webhook\: each SMS is POSTed there as {"to", "text"}]:SMS_WEBHOOK_URL:_default' \
'--sms-webhook-token-file=[File holding the webhook'\''s bearer secret (or set MILLECTL_SMS_WEBHOOK_TOKEN)]:SMS_WEBHOOK_TOKEN_FILE:_files' \
'--seed-users=[Dev server\: add N synthetic users (u000001…, 100 per MilleKod from 20000000, phone +48 500 000 000 + n, password \`<login>Pass1\`) for benchmarks]:SEED_USERS:_default' \
'--data-dir=[Directory of the dev server (default\: a new temporary directory)]:DATA_DIR:_files' \
'--header-timeout-secs=[Close a connection whose request head has begun but not ended after this many seconds; also the time a TLS handshake may take]:SECS:_default' \
'--body-timeout-secs=[Answer 408 and close when a request'\''s body has not arrived whole this many seconds after its head]:SECS:_default' \
'--idle-timeout-secs=[Close a connection on which nothing moved for this many seconds while no request was being answered (a silent new connection, a quiet keep-alive, a client that stopped reading)]:SECS:_default' \
'--max-connections=[Connections open at once; beyond it the server stops accepting and new ones wait in the kernel'\''s backlog. Lowered at start to fit under the descriptor limit]:N:_default' \
'--max-connections-per-source=[Connections open at once from one TCP peer; more are accepted and closed at once. Trusted proxies (--trusted-proxy) are exempt]:N:_default' \
'--management-listen=[Also serve GET /v1/health and GET /metrics (OpenMetrics text) here, plain HTTP, with a connection cap of its own, so probes get through while the API is at its cap. \`--dev\` binds one on 127.0.0.1 (port 0) unless given]:ADDR:_default' \
'*--trusted-proxy=[Proxies (CIDR or address; repeat or separate with commas) whose forwarding header names the client. From anyone else the header is ignored]:CIDR:_default' \
'--forwarded-header=[Which header the trusted proxies write; the other is never read]:FORWARDED_HEADER:((x-forwarded-for\:"\`X-Forwarded-For\: client, proxy1, proxy2\` (nginx, HAProxy, cloud load balancers)"
forwarded\:"RFC 7239 \`Forwarded\: for=client, for="\[2001\:db8\:\:1\]\:4711"\` (its \`for=\` only)"))' \
'--argon2-concurrency=[Argon2 verifications run at once; each holds 19 MiB, so Argon2 never holds more than this × 19 MiB. Default\: the number of cores, at most 16]:N:_default' \
'--argon2-queue=[Login checks that may wait for an Argon2 slot; one more is answered 503 with Retry-After at once. Default\: 4 × --argon2-concurrency]:N:_default' \
'--argon2-queue-timeout-ms=[How long a login check waits for an Argon2 slot before it is answered 503 with Retry-After]:MS:_default' \
'--login-starts-per-source-per-minute=[Login starts (POST /v1/sessions) one client address may send per minute, once its burst is spent; more are answered 429 with Retry-After]:N:_default' \
'--login-starts-burst=[Login starts one client address may send at once before the per-minute rate applies (dozens of users behind one corporate NAT)]:N:_default' \
'--login-checks-per-source-per-minute=[Login checks (POST /v1/sessions/{id}, one Argon2 each) one client address may send per minute, once its burst is spent; more are answered 429 with Retry-After]:N:_default' \
'--login-checks-burst=[Login checks one client address may send at once before the per-minute rate applies]:N:_default' \
'--masked-password-subsets=[Subsets of positions stored per new masked password\: a challenge asks one of them. More make a watched login less useful to replay (1 in N) and cost one more Argon2 run each when a password is set]:N:_default' \
'(--dev)--mask-key-pkcs11-module=[PKCS#11 module (the HSM vendor'\''s library) holding the key that masks new password records; without it the key is derived from the pepper]:PATH:_files' \
'--mask-key-pkcs11-token=[Label of the token that holds the key]:LABEL:_default' \
'--mask-key-pkcs11-key=[Label of the key new records are made with (\`server mask-key generate\`). The token'\''s other HMAC keys still check the records they made]:LABEL:_default' \
'--mask-key-pkcs11-pin-file=[File holding the token'\''s user PIN; or set MILLECTL_PKCS11_PIN]:FILE:_files' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--insecure-http[Serve plain HTTP on a non-loopback address (behind a TLS-terminating proxy)]' \
'--require-reason[Require operators (and their API tokens) to give a reason for every change]' \
'--dev[Throw-away server with demo data, a generated pepper and an SMS outbox file]' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
":: :_millectl__subcmd__server_commands" \
"*::: :->server" \
&& ret=0

    case $state in
    (server)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-server-command-$line[1]:"
        case $line[1] in
            (operator)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_millectl__subcmd__server__subcmd__operator_commands" \
"*::: :->operator" \
&& ret=0

    case $state in
    (operator)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-server-operator-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
'--role=[HelpDesk (unblocks, phones) or back-office (envelopes with one-time access passwords, provisioning); nobody holds both]:ROLE:(help-desk back-office)' \
'--name=[Display name\: one line of visible text (no control, bidi or zero-width characters)]:NAME:_default' \
'--database=[Database URL (sqlite\://PATH or postgres\://…)]:DATABASE:_default' \
'--pepper-file=[File holding the server'\''s pepper; or set MILLECTL_PEPPER]:PEPPER_FILE:_files' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':login -- The operator'\''s login:_default' \
&& ret=0
;;
(unblock)
_arguments "${_arguments_options[@]}" : \
'--database=[Database URL (sqlite\://PATH or postgres\://…)]:DATABASE:_default' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':login -- The operator'\''s login:_default' \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
'--database=[Database URL (sqlite\://PATH or postgres\://…)]:DATABASE:_default' \
'--pepper-file=[File holding the server'\''s pepper; or set MILLECTL_PEPPER]:PEPPER_FILE:_files' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':login -- The operator'\''s login:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__server__subcmd__operator__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-server-operator-help-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unblock)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(init-pepper)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
':path -- Where to write it; must not exist:_files' \
&& ret=0
;;
(mask-key)
_arguments "${_arguments_options[@]}" : \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_millectl__subcmd__server__subcmd__mask-key_commands" \
"*::: :->mask-key" \
&& ret=0

    case $state in
    (mask-key)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-server-mask-key-command-$line[1]:"
        case $line[1] in
            (generate)
_arguments "${_arguments_options[@]}" : \
'--pkcs11-module=[The PKCS#11 module (the HSM vendor'\''s library)]:PATH:_files' \
'--pkcs11-token=[Label of the token]:LABEL:_default' \
'--key=[Label of the new key; must not exist in the token]:LABEL:_default' \
'--pkcs11-pin-file=[File holding the token'\''s user PIN; or set MILLECTL_PKCS11_PIN]:FILE:_files' \
'--server=[The auth API'\''s URL, e.g. https\://auth.bank.example \[default\: from the profile, else http\://127.0.0.1\:7070\]]:SERVER:_default' \
'--profile=[Named profile of the config file (server and stored session)]:PROFILE:_default' \
'-o+[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--output=[Output format\: a table for people, json or csv for scripts]:OUTPUT:(table json csv)' \
'--no-color[No colors (also NO_COLOR=1)]' \
'*-v[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'*--verbose[More detail\: request ids and HTTP status on stderr (-vv\: debug logs). Never shows a secret]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__server__subcmd__mask-key__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-server-mask-key-help-command-$line[1]:"
        case $line[1] in
            (generate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__server__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-server-help-command-$line[1]:"
        case $line[1] in
            (operator)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__server__subcmd__help__subcmd__operator_commands" \
"*::: :->operator" \
&& ret=0

    case $state in
    (operator)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-server-help-operator-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unblock)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(init-pepper)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mask-key)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__server__subcmd__help__subcmd__mask-key_commands" \
"*::: :->mask-key" \
&& ret=0

    case $state in
    (mask-key)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-server-help-mask-key-command-$line[1]:"
        case $line[1] in
            (generate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-command-$line[1]:"
        case $line[1] in
            (login)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(whoami)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(user)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help__subcmd__user_commands" \
"*::: :->user" \
&& ret=0

    case $state in
    (user)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-user-command-$line[1]:"
        case $line[1] in
            (show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(find)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(require-password-change)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(suspend)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(release)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(resend)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(unblock)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help__subcmd__unblock_commands" \
"*::: :->unblock" \
&& ret=0

    case $state in
    (unblock)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-unblock-command-$line[1]:"
        case $line[1] in
            (current-password)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(new-password)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(phone)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help__subcmd__phone_commands" \
"*::: :->phone" \
&& ret=0

    case $state in
    (phone)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-phone-command-$line[1]:"
        case $line[1] in
            (set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(approve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(approvals)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(envelope)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help__subcmd__token_commands" \
"*::: :->token" \
&& ret=0

    case $state in
    (token)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-token-command-$line[1]:"
        case $line[1] in
            (load)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(assign)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(withdraw)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(config)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help__subcmd__config_commands" \
"*::: :->config" \
&& ret=0

    case $state in
    (config)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-config-command-$line[1]:"
        case $line[1] in
            (set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(api-token)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help__subcmd__api-token_commands" \
"*::: :->api-token" \
&& ret=0

    case $state in
    (api-token)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-api-token-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(revoke)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(audit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(generate-assets)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(demo)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(server)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help__subcmd__server_commands" \
"*::: :->server" \
&& ret=0

    case $state in
    (server)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-server-command-$line[1]:"
        case $line[1] in
            (operator)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help__subcmd__server__subcmd__operator_commands" \
"*::: :->operator" \
&& ret=0

    case $state in
    (operator)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-server-operator-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unblock)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(init-pepper)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mask-key)
_arguments "${_arguments_options[@]}" : \
":: :_millectl__subcmd__help__subcmd__server__subcmd__mask-key_commands" \
"*::: :->mask-key" \
&& ret=0

    case $state in
    (mask-key)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:millectl-help-server-mask-key-command-$line[1]:"
        case $line[1] in
            (generate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_millectl_commands] )) ||
_millectl_commands() {
    local commands; commands=(
'login:Log in (interactive, or --password-stdin/--with-token for scripts)' \
'logout:Forget the stored session (and end it on the server)' \
'whoami:Who the current session or token belongs to' \
'user:Show and list users; require a new password of one' \
'unblock:Unblock a user\: three more attempts, or the right to set a new password' \
'phone:Set users'\'' mobile numbers for SMS codes' \
'approve:Approve another operator'\''s request that waits for a second operator' \
'approvals:The requests waiting for a second operator (maker–checker)' \
'envelope:Back-office\: a one-time access password for a sealed envelope, printed once' \
'token:Hardware tokens\: load the inventory, assign by serial, withdraw' \
'config:Read and change the config file (server per profile)' \
'api-token:API tokens for batch scripts (operators)' \
'audit:The audit trail\: who did what to whom, newest first' \
'completions:Print the shell completion script of millectl' \
'man:Print the man page of millectl or of one of its commands' \
'generate-assets:Write completions/ and man/ (what scripts/generate-assets.sh runs)' \
'demo:Walk through the helpdesk job against a throw-away server started in-process' \
'server:Run the auth API (SQLite by default, PostgreSQL for several replicas)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl commands' commands "$@"
}
(( $+functions[_millectl__subcmd__api-token_commands] )) ||
_millectl__subcmd__api-token_commands() {
    local commands; commands=(
'create:Create a token for a batch script; prints it once (it is never shown again)' \
'list:List the API tokens, revoked ones included' \
'revoke:Revoke a token at once; scripts using it get "not authenticated"' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl api-token commands' commands "$@"
}
(( $+functions[_millectl__subcmd__api-token__subcmd__create_commands] )) ||
_millectl__subcmd__api-token__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'millectl api-token create commands' commands "$@"
}
(( $+functions[_millectl__subcmd__api-token__subcmd__help_commands] )) ||
_millectl__subcmd__api-token__subcmd__help_commands() {
    local commands; commands=(
'create:Create a token for a batch script; prints it once (it is never shown again)' \
'list:List the API tokens, revoked ones included' \
'revoke:Revoke a token at once; scripts using it get "not authenticated"' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl api-token help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__api-token__subcmd__help__subcmd__create_commands] )) ||
_millectl__subcmd__api-token__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'millectl api-token help create commands' commands "$@"
}
(( $+functions[_millectl__subcmd__api-token__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__api-token__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl api-token help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__api-token__subcmd__help__subcmd__list_commands] )) ||
_millectl__subcmd__api-token__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'millectl api-token help list commands' commands "$@"
}
(( $+functions[_millectl__subcmd__api-token__subcmd__help__subcmd__revoke_commands] )) ||
_millectl__subcmd__api-token__subcmd__help__subcmd__revoke_commands() {
    local commands; commands=()
    _describe -t commands 'millectl api-token help revoke commands' commands "$@"
}
(( $+functions[_millectl__subcmd__api-token__subcmd__list_commands] )) ||
_millectl__subcmd__api-token__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'millectl api-token list commands' commands "$@"
}
(( $+functions[_millectl__subcmd__api-token__subcmd__revoke_commands] )) ||
_millectl__subcmd__api-token__subcmd__revoke_commands() {
    local commands; commands=()
    _describe -t commands 'millectl api-token revoke commands' commands "$@"
}
(( $+functions[_millectl__subcmd__approvals_commands] )) ||
_millectl__subcmd__approvals_commands() {
    local commands; commands=()
    _describe -t commands 'millectl approvals commands' commands "$@"
}
(( $+functions[_millectl__subcmd__approve_commands] )) ||
_millectl__subcmd__approve_commands() {
    local commands; commands=()
    _describe -t commands 'millectl approve commands' commands "$@"
}
(( $+functions[_millectl__subcmd__audit_commands] )) ||
_millectl__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'millectl audit commands' commands "$@"
}
(( $+functions[_millectl__subcmd__completions_commands] )) ||
_millectl__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'millectl completions commands' commands "$@"
}
(( $+functions[_millectl__subcmd__config_commands] )) ||
_millectl__subcmd__config_commands() {
    local commands; commands=(
'set:Set a value of the current profile (\`server\`)' \
'show:Show the current profile\: server, where the session is kept, config path' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl config commands' commands "$@"
}
(( $+functions[_millectl__subcmd__config__subcmd__help_commands] )) ||
_millectl__subcmd__config__subcmd__help_commands() {
    local commands; commands=(
'set:Set a value of the current profile (\`server\`)' \
'show:Show the current profile\: server, where the session is kept, config path' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl config help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__config__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__config__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl config help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__config__subcmd__help__subcmd__set_commands] )) ||
_millectl__subcmd__config__subcmd__help__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'millectl config help set commands' commands "$@"
}
(( $+functions[_millectl__subcmd__config__subcmd__help__subcmd__show_commands] )) ||
_millectl__subcmd__config__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'millectl config help show commands' commands "$@"
}
(( $+functions[_millectl__subcmd__config__subcmd__set_commands] )) ||
_millectl__subcmd__config__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'millectl config set commands' commands "$@"
}
(( $+functions[_millectl__subcmd__config__subcmd__show_commands] )) ||
_millectl__subcmd__config__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'millectl config show commands' commands "$@"
}
(( $+functions[_millectl__subcmd__demo_commands] )) ||
_millectl__subcmd__demo_commands() {
    local commands; commands=()
    _describe -t commands 'millectl demo commands' commands "$@"
}
(( $+functions[_millectl__subcmd__envelope_commands] )) ||
_millectl__subcmd__envelope_commands() {
    local commands; commands=()
    _describe -t commands 'millectl envelope commands' commands "$@"
}
(( $+functions[_millectl__subcmd__generate-assets_commands] )) ||
_millectl__subcmd__generate-assets_commands() {
    local commands; commands=()
    _describe -t commands 'millectl generate-assets commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help_commands] )) ||
_millectl__subcmd__help_commands() {
    local commands; commands=(
'login:Log in (interactive, or --password-stdin/--with-token for scripts)' \
'logout:Forget the stored session (and end it on the server)' \
'whoami:Who the current session or token belongs to' \
'user:Show and list users; require a new password of one' \
'unblock:Unblock a user\: three more attempts, or the right to set a new password' \
'phone:Set users'\'' mobile numbers for SMS codes' \
'approve:Approve another operator'\''s request that waits for a second operator' \
'approvals:The requests waiting for a second operator (maker–checker)' \
'envelope:Back-office\: a one-time access password for a sealed envelope, printed once' \
'token:Hardware tokens\: load the inventory, assign by serial, withdraw' \
'config:Read and change the config file (server per profile)' \
'api-token:API tokens for batch scripts (operators)' \
'audit:The audit trail\: who did what to whom, newest first' \
'completions:Print the shell completion script of millectl' \
'man:Print the man page of millectl or of one of its commands' \
'generate-assets:Write completions/ and man/ (what scripts/generate-assets.sh runs)' \
'demo:Walk through the helpdesk job against a throw-away server started in-process' \
'server:Run the auth API (SQLite by default, PostgreSQL for several replicas)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__api-token_commands] )) ||
_millectl__subcmd__help__subcmd__api-token_commands() {
    local commands; commands=(
'create:Create a token for a batch script; prints it once (it is never shown again)' \
'list:List the API tokens, revoked ones included' \
'revoke:Revoke a token at once; scripts using it get "not authenticated"' \
    )
    _describe -t commands 'millectl help api-token commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__api-token__subcmd__create_commands] )) ||
_millectl__subcmd__help__subcmd__api-token__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help api-token create commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__api-token__subcmd__list_commands] )) ||
_millectl__subcmd__help__subcmd__api-token__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help api-token list commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__api-token__subcmd__revoke_commands] )) ||
_millectl__subcmd__help__subcmd__api-token__subcmd__revoke_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help api-token revoke commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__approvals_commands] )) ||
_millectl__subcmd__help__subcmd__approvals_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help approvals commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__approve_commands] )) ||
_millectl__subcmd__help__subcmd__approve_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help approve commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__audit_commands] )) ||
_millectl__subcmd__help__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help audit commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__completions_commands] )) ||
_millectl__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help completions commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__config_commands] )) ||
_millectl__subcmd__help__subcmd__config_commands() {
    local commands; commands=(
'set:Set a value of the current profile (\`server\`)' \
'show:Show the current profile\: server, where the session is kept, config path' \
    )
    _describe -t commands 'millectl help config commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__config__subcmd__set_commands] )) ||
_millectl__subcmd__help__subcmd__config__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help config set commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__config__subcmd__show_commands] )) ||
_millectl__subcmd__help__subcmd__config__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help config show commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__demo_commands] )) ||
_millectl__subcmd__help__subcmd__demo_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help demo commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__envelope_commands] )) ||
_millectl__subcmd__help__subcmd__envelope_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help envelope commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__generate-assets_commands] )) ||
_millectl__subcmd__help__subcmd__generate-assets_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help generate-assets commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__login_commands] )) ||
_millectl__subcmd__help__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help login commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__logout_commands] )) ||
_millectl__subcmd__help__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help logout commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__man_commands] )) ||
_millectl__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help man commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__phone_commands] )) ||
_millectl__subcmd__help__subcmd__phone_commands() {
    local commands; commands=(
'set:Set a user'\''s mobile number, as people type it\: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)' \
'import:Change many users'\'' numbers from a CSV file (millekod,login,phone\[,expected_phone\]), in chunks, resumable after an interruption\: run the same command again' \
    )
    _describe -t commands 'millectl help phone commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__phone__subcmd__import_commands] )) ||
_millectl__subcmd__help__subcmd__phone__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help phone import commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__phone__subcmd__set_commands] )) ||
_millectl__subcmd__help__subcmd__phone__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help phone set commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__server_commands] )) ||
_millectl__subcmd__help__subcmd__server_commands() {
    local commands; commands=(
'operator:Manage HelpDesk operators directly in the database (bootstrap)' \
'init-pepper:Write a new random pepper to a file (mode 0600)' \
'mask-key:Manage the masked-password key in a PKCS#11 token' \
    )
    _describe -t commands 'millectl help server commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__server__subcmd__init-pepper_commands] )) ||
_millectl__subcmd__help__subcmd__server__subcmd__init-pepper_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help server init-pepper commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__server__subcmd__mask-key_commands] )) ||
_millectl__subcmd__help__subcmd__server__subcmd__mask-key_commands() {
    local commands; commands=(
'generate:Generate a new HMAC key inside the token (never extractable); prints its id' \
    )
    _describe -t commands 'millectl help server mask-key commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__server__subcmd__mask-key__subcmd__generate_commands] )) ||
_millectl__subcmd__help__subcmd__server__subcmd__mask-key__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help server mask-key generate commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__server__subcmd__operator_commands] )) ||
_millectl__subcmd__help__subcmd__server__subcmd__operator_commands() {
    local commands; commands=(
'add:Create an operator; prints the temporary password and token seed once' \
'unblock:Give a locked-out operator three more attempts with the current password' \
'reset:Start an operator over\: new temporary password and token seed, printed once' \
    )
    _describe -t commands 'millectl help server operator commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__server__subcmd__operator__subcmd__add_commands] )) ||
_millectl__subcmd__help__subcmd__server__subcmd__operator__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help server operator add commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__server__subcmd__operator__subcmd__reset_commands] )) ||
_millectl__subcmd__help__subcmd__server__subcmd__operator__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help server operator reset commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__server__subcmd__operator__subcmd__unblock_commands] )) ||
_millectl__subcmd__help__subcmd__server__subcmd__operator__subcmd__unblock_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help server operator unblock commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__token_commands] )) ||
_millectl__subcmd__help__subcmd__token_commands() {
    local commands; commands=(
'load:Back-office\: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key' \
'list:Serials available for assignment' \
'assign:Give a user the token with this serial; their codes then come from it' \
'withdraw:Take a user'\''s token away for good; with a mobile number they get SMS codes' \
    )
    _describe -t commands 'millectl help token commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__token__subcmd__assign_commands] )) ||
_millectl__subcmd__help__subcmd__token__subcmd__assign_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help token assign commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__token__subcmd__list_commands] )) ||
_millectl__subcmd__help__subcmd__token__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help token list commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__token__subcmd__load_commands] )) ||
_millectl__subcmd__help__subcmd__token__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help token load commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__token__subcmd__withdraw_commands] )) ||
_millectl__subcmd__help__subcmd__token__subcmd__withdraw_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help token withdraw commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__unblock_commands] )) ||
_millectl__subcmd__help__subcmd__unblock_commands() {
    local commands; commands=(
'current-password:The user remembers the password\: grant three more attempts with it' \
'new-password:The user forgot it\: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)' \
    )
    _describe -t commands 'millectl help unblock commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__unblock__subcmd__current-password_commands] )) ||
_millectl__subcmd__help__subcmd__unblock__subcmd__current-password_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help unblock current-password commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__unblock__subcmd__new-password_commands] )) ||
_millectl__subcmd__help__subcmd__unblock__subcmd__new-password_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help unblock new-password commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__user_commands] )) ||
_millectl__subcmd__help__subcmd__user_commands() {
    local commands; commands=(
'show:Show one user\: status, attempts, authorization tool, phone (masked)' \
'list:List the users of a company, filtered' \
'find:Find users across companies (a co-user\: in their own) by login, name, the phone'\''s last digits or MilleKod' \
'require-password-change:Make a user set a new password at their next login (e.g. one stored under an old scheme)\: a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token' \
'suspend:Block a user on purpose (lost token, suspected fraud, left the company), with a reason\: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only' \
'release:Lift a suspension\: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only' \
'resend:Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour' \
'history:Why is this user blocked\: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first' \
    )
    _describe -t commands 'millectl help user commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__user__subcmd__find_commands] )) ||
_millectl__subcmd__help__subcmd__user__subcmd__find_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help user find commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__user__subcmd__history_commands] )) ||
_millectl__subcmd__help__subcmd__user__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help user history commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__user__subcmd__list_commands] )) ||
_millectl__subcmd__help__subcmd__user__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help user list commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__user__subcmd__release_commands] )) ||
_millectl__subcmd__help__subcmd__user__subcmd__release_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help user release commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__user__subcmd__require-password-change_commands] )) ||
_millectl__subcmd__help__subcmd__user__subcmd__require-password-change_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help user require-password-change commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__user__subcmd__resend_commands] )) ||
_millectl__subcmd__help__subcmd__user__subcmd__resend_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help user resend commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__user__subcmd__show_commands] )) ||
_millectl__subcmd__help__subcmd__user__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help user show commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__user__subcmd__suspend_commands] )) ||
_millectl__subcmd__help__subcmd__user__subcmd__suspend_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help user suspend commands' commands "$@"
}
(( $+functions[_millectl__subcmd__help__subcmd__whoami_commands] )) ||
_millectl__subcmd__help__subcmd__whoami_commands() {
    local commands; commands=()
    _describe -t commands 'millectl help whoami commands' commands "$@"
}
(( $+functions[_millectl__subcmd__login_commands] )) ||
_millectl__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'millectl login commands' commands "$@"
}
(( $+functions[_millectl__subcmd__logout_commands] )) ||
_millectl__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'millectl logout commands' commands "$@"
}
(( $+functions[_millectl__subcmd__man_commands] )) ||
_millectl__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'millectl man commands' commands "$@"
}
(( $+functions[_millectl__subcmd__phone_commands] )) ||
_millectl__subcmd__phone_commands() {
    local commands; commands=(
'set:Set a user'\''s mobile number, as people type it\: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)' \
'import:Change many users'\'' numbers from a CSV file (millekod,login,phone\[,expected_phone\]), in chunks, resumable after an interruption\: run the same command again' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl phone commands' commands "$@"
}
(( $+functions[_millectl__subcmd__phone__subcmd__help_commands] )) ||
_millectl__subcmd__phone__subcmd__help_commands() {
    local commands; commands=(
'set:Set a user'\''s mobile number, as people type it\: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)' \
'import:Change many users'\'' numbers from a CSV file (millekod,login,phone\[,expected_phone\]), in chunks, resumable after an interruption\: run the same command again' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl phone help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__phone__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__phone__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl phone help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__phone__subcmd__help__subcmd__import_commands] )) ||
_millectl__subcmd__phone__subcmd__help__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'millectl phone help import commands' commands "$@"
}
(( $+functions[_millectl__subcmd__phone__subcmd__help__subcmd__set_commands] )) ||
_millectl__subcmd__phone__subcmd__help__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'millectl phone help set commands' commands "$@"
}
(( $+functions[_millectl__subcmd__phone__subcmd__import_commands] )) ||
_millectl__subcmd__phone__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'millectl phone import commands' commands "$@"
}
(( $+functions[_millectl__subcmd__phone__subcmd__set_commands] )) ||
_millectl__subcmd__phone__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'millectl phone set commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server_commands] )) ||
_millectl__subcmd__server_commands() {
    local commands; commands=(
'operator:Manage HelpDesk operators directly in the database (bootstrap)' \
'init-pepper:Write a new random pepper to a file (mode 0600)' \
'mask-key:Manage the masked-password key in a PKCS#11 token' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl server commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__help_commands] )) ||
_millectl__subcmd__server__subcmd__help_commands() {
    local commands; commands=(
'operator:Manage HelpDesk operators directly in the database (bootstrap)' \
'init-pepper:Write a new random pepper to a file (mode 0600)' \
'mask-key:Manage the masked-password key in a PKCS#11 token' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl server help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__server__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__help__subcmd__init-pepper_commands] )) ||
_millectl__subcmd__server__subcmd__help__subcmd__init-pepper_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server help init-pepper commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__help__subcmd__mask-key_commands] )) ||
_millectl__subcmd__server__subcmd__help__subcmd__mask-key_commands() {
    local commands; commands=(
'generate:Generate a new HMAC key inside the token (never extractable); prints its id' \
    )
    _describe -t commands 'millectl server help mask-key commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__help__subcmd__mask-key__subcmd__generate_commands] )) ||
_millectl__subcmd__server__subcmd__help__subcmd__mask-key__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server help mask-key generate commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__help__subcmd__operator_commands] )) ||
_millectl__subcmd__server__subcmd__help__subcmd__operator_commands() {
    local commands; commands=(
'add:Create an operator; prints the temporary password and token seed once' \
'unblock:Give a locked-out operator three more attempts with the current password' \
'reset:Start an operator over\: new temporary password and token seed, printed once' \
    )
    _describe -t commands 'millectl server help operator commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__help__subcmd__operator__subcmd__add_commands] )) ||
_millectl__subcmd__server__subcmd__help__subcmd__operator__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server help operator add commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__help__subcmd__operator__subcmd__reset_commands] )) ||
_millectl__subcmd__server__subcmd__help__subcmd__operator__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server help operator reset commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__help__subcmd__operator__subcmd__unblock_commands] )) ||
_millectl__subcmd__server__subcmd__help__subcmd__operator__subcmd__unblock_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server help operator unblock commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__init-pepper_commands] )) ||
_millectl__subcmd__server__subcmd__init-pepper_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server init-pepper commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__mask-key_commands] )) ||
_millectl__subcmd__server__subcmd__mask-key_commands() {
    local commands; commands=(
'generate:Generate a new HMAC key inside the token (never extractable); prints its id' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl server mask-key commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__mask-key__subcmd__generate_commands] )) ||
_millectl__subcmd__server__subcmd__mask-key__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server mask-key generate commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__mask-key__subcmd__help_commands] )) ||
_millectl__subcmd__server__subcmd__mask-key__subcmd__help_commands() {
    local commands; commands=(
'generate:Generate a new HMAC key inside the token (never extractable); prints its id' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl server mask-key help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__mask-key__subcmd__help__subcmd__generate_commands] )) ||
_millectl__subcmd__server__subcmd__mask-key__subcmd__help__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server mask-key help generate commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__mask-key__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__server__subcmd__mask-key__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server mask-key help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__operator_commands] )) ||
_millectl__subcmd__server__subcmd__operator_commands() {
    local commands; commands=(
'add:Create an operator; prints the temporary password and token seed once' \
'unblock:Give a locked-out operator three more attempts with the current password' \
'reset:Start an operator over\: new temporary password and token seed, printed once' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl server operator commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__operator__subcmd__add_commands] )) ||
_millectl__subcmd__server__subcmd__operator__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server operator add commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__operator__subcmd__help_commands] )) ||
_millectl__subcmd__server__subcmd__operator__subcmd__help_commands() {
    local commands; commands=(
'add:Create an operator; prints the temporary password and token seed once' \
'unblock:Give a locked-out operator three more attempts with the current password' \
'reset:Start an operator over\: new temporary password and token seed, printed once' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl server operator help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__operator__subcmd__help__subcmd__add_commands] )) ||
_millectl__subcmd__server__subcmd__operator__subcmd__help__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server operator help add commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__operator__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__server__subcmd__operator__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server operator help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__operator__subcmd__help__subcmd__reset_commands] )) ||
_millectl__subcmd__server__subcmd__operator__subcmd__help__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server operator help reset commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__operator__subcmd__help__subcmd__unblock_commands] )) ||
_millectl__subcmd__server__subcmd__operator__subcmd__help__subcmd__unblock_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server operator help unblock commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__operator__subcmd__reset_commands] )) ||
_millectl__subcmd__server__subcmd__operator__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server operator reset commands' commands "$@"
}
(( $+functions[_millectl__subcmd__server__subcmd__operator__subcmd__unblock_commands] )) ||
_millectl__subcmd__server__subcmd__operator__subcmd__unblock_commands() {
    local commands; commands=()
    _describe -t commands 'millectl server operator unblock commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token_commands] )) ||
_millectl__subcmd__token_commands() {
    local commands; commands=(
'load:Back-office\: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key' \
'list:Serials available for assignment' \
'assign:Give a user the token with this serial; their codes then come from it' \
'withdraw:Take a user'\''s token away for good; with a mobile number they get SMS codes' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl token commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__assign_commands] )) ||
_millectl__subcmd__token__subcmd__assign_commands() {
    local commands; commands=()
    _describe -t commands 'millectl token assign commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__help_commands] )) ||
_millectl__subcmd__token__subcmd__help_commands() {
    local commands; commands=(
'load:Back-office\: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key' \
'list:Serials available for assignment' \
'assign:Give a user the token with this serial; their codes then come from it' \
'withdraw:Take a user'\''s token away for good; with a mobile number they get SMS codes' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl token help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__help__subcmd__assign_commands] )) ||
_millectl__subcmd__token__subcmd__help__subcmd__assign_commands() {
    local commands; commands=()
    _describe -t commands 'millectl token help assign commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__token__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl token help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__help__subcmd__list_commands] )) ||
_millectl__subcmd__token__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'millectl token help list commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__help__subcmd__load_commands] )) ||
_millectl__subcmd__token__subcmd__help__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'millectl token help load commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__help__subcmd__withdraw_commands] )) ||
_millectl__subcmd__token__subcmd__help__subcmd__withdraw_commands() {
    local commands; commands=()
    _describe -t commands 'millectl token help withdraw commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__list_commands] )) ||
_millectl__subcmd__token__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'millectl token list commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__load_commands] )) ||
_millectl__subcmd__token__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'millectl token load commands' commands "$@"
}
(( $+functions[_millectl__subcmd__token__subcmd__withdraw_commands] )) ||
_millectl__subcmd__token__subcmd__withdraw_commands() {
    local commands; commands=()
    _describe -t commands 'millectl token withdraw commands' commands "$@"
}
(( $+functions[_millectl__subcmd__unblock_commands] )) ||
_millectl__subcmd__unblock_commands() {
    local commands; commands=(
'current-password:The user remembers the password\: grant three more attempts with it' \
'new-password:The user forgot it\: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl unblock commands' commands "$@"
}
(( $+functions[_millectl__subcmd__unblock__subcmd__current-password_commands] )) ||
_millectl__subcmd__unblock__subcmd__current-password_commands() {
    local commands; commands=()
    _describe -t commands 'millectl unblock current-password commands' commands "$@"
}
(( $+functions[_millectl__subcmd__unblock__subcmd__help_commands] )) ||
_millectl__subcmd__unblock__subcmd__help_commands() {
    local commands; commands=(
'current-password:The user remembers the password\: grant three more attempts with it' \
'new-password:The user forgot it\: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl unblock help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__unblock__subcmd__help__subcmd__current-password_commands] )) ||
_millectl__subcmd__unblock__subcmd__help__subcmd__current-password_commands() {
    local commands; commands=()
    _describe -t commands 'millectl unblock help current-password commands' commands "$@"
}
(( $+functions[_millectl__subcmd__unblock__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__unblock__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl unblock help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__unblock__subcmd__help__subcmd__new-password_commands] )) ||
_millectl__subcmd__unblock__subcmd__help__subcmd__new-password_commands() {
    local commands; commands=()
    _describe -t commands 'millectl unblock help new-password commands' commands "$@"
}
(( $+functions[_millectl__subcmd__unblock__subcmd__new-password_commands] )) ||
_millectl__subcmd__unblock__subcmd__new-password_commands() {
    local commands; commands=()
    _describe -t commands 'millectl unblock new-password commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user_commands] )) ||
_millectl__subcmd__user_commands() {
    local commands; commands=(
'show:Show one user\: status, attempts, authorization tool, phone (masked)' \
'list:List the users of a company, filtered' \
'find:Find users across companies (a co-user\: in their own) by login, name, the phone'\''s last digits or MilleKod' \
'require-password-change:Make a user set a new password at their next login (e.g. one stored under an old scheme)\: a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token' \
'suspend:Block a user on purpose (lost token, suspected fraud, left the company), with a reason\: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only' \
'release:Lift a suspension\: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only' \
'resend:Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour' \
'history:Why is this user blocked\: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl user commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__find_commands] )) ||
_millectl__subcmd__user__subcmd__find_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user find commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help_commands] )) ||
_millectl__subcmd__user__subcmd__help_commands() {
    local commands; commands=(
'show:Show one user\: status, attempts, authorization tool, phone (masked)' \
'list:List the users of a company, filtered' \
'find:Find users across companies (a co-user\: in their own) by login, name, the phone'\''s last digits or MilleKod' \
'require-password-change:Make a user set a new password at their next login (e.g. one stored under an old scheme)\: a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token' \
'suspend:Block a user on purpose (lost token, suspected fraud, left the company), with a reason\: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only' \
'release:Lift a suspension\: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only' \
'resend:Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour' \
'history:Why is this user blocked\: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'millectl user help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help__subcmd__find_commands] )) ||
_millectl__subcmd__user__subcmd__help__subcmd__find_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user help find commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help__subcmd__help_commands] )) ||
_millectl__subcmd__user__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user help help commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help__subcmd__history_commands] )) ||
_millectl__subcmd__user__subcmd__help__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user help history commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help__subcmd__list_commands] )) ||
_millectl__subcmd__user__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user help list commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help__subcmd__release_commands] )) ||
_millectl__subcmd__user__subcmd__help__subcmd__release_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user help release commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help__subcmd__require-password-change_commands] )) ||
_millectl__subcmd__user__subcmd__help__subcmd__require-password-change_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user help require-password-change commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help__subcmd__resend_commands] )) ||
_millectl__subcmd__user__subcmd__help__subcmd__resend_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user help resend commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help__subcmd__show_commands] )) ||
_millectl__subcmd__user__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user help show commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__help__subcmd__suspend_commands] )) ||
_millectl__subcmd__user__subcmd__help__subcmd__suspend_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user help suspend commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__history_commands] )) ||
_millectl__subcmd__user__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user history commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__list_commands] )) ||
_millectl__subcmd__user__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user list commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__release_commands] )) ||
_millectl__subcmd__user__subcmd__release_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user release commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__require-password-change_commands] )) ||
_millectl__subcmd__user__subcmd__require-password-change_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user require-password-change commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__resend_commands] )) ||
_millectl__subcmd__user__subcmd__resend_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user resend commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__show_commands] )) ||
_millectl__subcmd__user__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user show commands' commands "$@"
}
(( $+functions[_millectl__subcmd__user__subcmd__suspend_commands] )) ||
_millectl__subcmd__user__subcmd__suspend_commands() {
    local commands; commands=()
    _describe -t commands 'millectl user suspend commands' commands "$@"
}
(( $+functions[_millectl__subcmd__whoami_commands] )) ||
_millectl__subcmd__whoami_commands() {
    local commands; commands=()
    _describe -t commands 'millectl whoami commands' commands "$@"
}

if [ "$funcstack[1]" = "_millectl" ]; then
    _millectl "$@"
else
    compdef _millectl millectl
fi
