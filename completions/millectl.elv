
use builtin;
use str;

set edit:completion:arg-completer[millectl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'millectl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'millectl'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Log in (interactive, or --password-stdin/--with-token for scripts)'
            cand logout 'Forget the stored session (and end it on the server)'
            cand whoami 'Who the current session or token belongs to'
            cand user 'Show and list users; require a new password of one'
            cand unblock 'Unblock a user: three more attempts, or the right to set a new password'
            cand phone 'Set users'' mobile numbers for SMS codes'
            cand approve 'Approve another operator''s request that waits for a second operator'
            cand approvals 'The requests waiting for a second operator (maker–checker)'
            cand envelope 'Back-office: a one-time access password for a sealed envelope, printed once'
            cand token 'Hardware tokens: load the inventory, assign by serial, withdraw'
            cand config 'Read and change the config file (server per profile)'
            cand api-token 'API tokens for batch scripts (operators)'
            cand audit 'The audit trail: who did what to whom, newest first'
            cand completions 'Print the shell completion script of millectl'
            cand man 'Print the man page of millectl or of one of its commands'
            cand generate-assets 'Write completions/ and man/ (what scripts/generate-assets.sh runs)'
            cand demo 'Walk through the helpdesk job against a throw-away server started in-process'
            cand server 'Run the auth API (SQLite by default, PostgreSQL for several replicas)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;login'= {
            cand --millekod 'Company code; leave out for HelpDesk operators'
            cand --login 'Your login'
            cand --otp 'Deprecated: the one-time code as an argument, visible in the process list; give it at the prompt, or on stdin after the password with --password-stdin'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --password-stdin 'Read the secrets from stdin, one per line: the password (first login and new password: the temporary password, then the new one), then the one-time code'
            cand --with-token 'Read an API token from stdin and store it instead of logging in'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;logout'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;whoami'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;user'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Show one user: status, attempts, authorization tool, phone (masked)'
            cand list 'List the users of a company, filtered'
            cand find 'Find users across companies (a co-user: in their own) by login, name, the phone''s last digits or MilleKod'
            cand require-password-change 'Make a user set a new password at their next login (e.g. one stored under an old scheme): a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token'
            cand suspend 'Block a user on purpose (lost token, suspected fraud, left the company), with a reason: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only'
            cand release 'Lift a suspension: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only'
            cand resend 'Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour'
            cand history 'Why is this user blocked: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;user;show'= {
            cand --millekod 'Company code [default: your own, for co-users]'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --reveal-phone 'Show the whole phone number (recorded in the audit)'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;user;list'= {
            cand --millekod 'Company code [default: your own, for co-users]'
            cand --status 'Only users in this status (repeatable): pending_activation, active, blocked, awaiting_new_password'
            cand --tool 'Only users of this authorization tool'
            cand --limit 'Print at most N users [default: every one, read 1000 a page]'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --blocked 'Only blocked users (the same as `--status blocked`)'
            cand --all 'Print every user (the default; a script can say so)'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;user;find'= {
            cand --millekod 'Only this company (co-users always search their own)'
            cand --status 'Only users in this status (repeatable): pending_activation, active, blocked, awaiting_new_password'
            cand --tool 'Only users of this authorization tool'
            cand --limit 'Print at most N users [default: every one, read 1000 a page]'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --all 'Print every user (the default; a script can say so)'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;user;require-password-change'= {
            cand --millekod 'Company code [default: your own, for co-users]'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;user;suspend'= {
            cand --millekod 'Company code'
            cand --reason 'Why (required): a ticket number or a few words, shown with the user and kept in the audit, e.g. "lost token, ticket 4411"'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;user;release'= {
            cand --millekod 'Company code'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;user;resend'= {
            cand --millekod 'Company code [default: your own, for co-users]'
            cand --from 'Read the users from FILE (`-`: stdin): one login, or millekod;login, per line; blank lines and # comments are skipped'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;user;history'= {
            cand --millekod 'Company code [default: your own, for co-users]'
            cand --since 'Only entries from this time on: a span back from now (90m, 1h30m, 2d, 1w), a date-time in the local time zone (TZ) such as 2026-11-30 14:02 (or 2026-11-30 for its midnight), or one with Z or an offset (2026-11-30T13:02:00Z, +01:00)'
            cand --limit 'At most this many entries [server default: 50]'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;user;help'= {
            cand show 'Show one user: status, attempts, authorization tool, phone (masked)'
            cand list 'List the users of a company, filtered'
            cand find 'Find users across companies (a co-user: in their own) by login, name, the phone''s last digits or MilleKod'
            cand require-password-change 'Make a user set a new password at their next login (e.g. one stored under an old scheme): a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token'
            cand suspend 'Block a user on purpose (lost token, suspected fraud, left the company), with a reason: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only'
            cand release 'Lift a suspension: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only'
            cand resend 'Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour'
            cand history 'Why is this user blocked: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;user;help;show'= {
        }
        &'millectl;user;help;list'= {
        }
        &'millectl;user;help;find'= {
        }
        &'millectl;user;help;require-password-change'= {
        }
        &'millectl;user;help;suspend'= {
        }
        &'millectl;user;help;release'= {
        }
        &'millectl;user;help;resend'= {
        }
        &'millectl;user;help;history'= {
        }
        &'millectl;user;help;help'= {
        }
        &'millectl;unblock'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand current-password 'The user remembers the password: grant three more attempts with it'
            cand new-password 'The user forgot it: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;unblock;current-password'= {
            cand --millekod 'Company code [default: your own, for co-users]'
            cand --from 'Read the users from FILE (`-`: stdin): one login, or millekod;login, per line; blank lines and # comments are skipped'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;unblock;new-password'= {
            cand --millekod 'Company code [default: your own, for co-users]'
            cand --from 'Read the users from FILE (`-`: stdin): one login, or millekod;login, per line; blank lines and # comments are skipped'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;unblock;help'= {
            cand current-password 'The user remembers the password: grant three more attempts with it'
            cand new-password 'The user forgot it: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;unblock;help;current-password'= {
        }
        &'millectl;unblock;help;new-password'= {
        }
        &'millectl;unblock;help;help'= {
        }
        &'millectl;phone'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand set 'Set a user''s mobile number, as people type it: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)'
            cand import 'Change many users'' numbers from a CSV file (millekod,login,phone[,expected_phone]), in chunks, resumable after an interruption: run the same command again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;phone;set'= {
            cand --millekod 'Company code [default: your own, for co-users]'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;phone;import'= {
            cand --report 'Write a CSV with one line per input row: its outcome and message (numbers masked)'
            cand --journal 'Where finished chunks are recorded, for resuming [default: a file under the config directory named after the input''s hash and the server]'
            cand --concurrency 'Chunks sent at once'
            cand --chunk-size 'Rows per chunk (a resumed import keeps the size it started with)'
            cand --retry-for 'How long to keep retrying a chunk while the server is unreachable, restarting or busy, before stopping (the import can then be resumed). Each retry is said on stderr, with its reason and wait'
            cand --progress-every 'When stderr is not a terminal: how often a progress line is printed there (0: after every chunk)'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --dry-run 'Ask the server what would happen to each row; change nothing'
            cand --check 'Check the file here and stop: send nothing'
            cand --no-notify-old 'Do not tell the old numbers of the change by SMS. Needs --reason; every row''s audit record says the old number was not told'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;phone;help'= {
            cand set 'Set a user''s mobile number, as people type it: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)'
            cand import 'Change many users'' numbers from a CSV file (millekod,login,phone[,expected_phone]), in chunks, resumable after an interruption: run the same command again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;phone;help;set'= {
        }
        &'millectl;phone;help;import'= {
        }
        &'millectl;phone;help;help'= {
        }
        &'millectl;approve'= {
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;approvals'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;envelope'= {
            cand --millekod 'Company code'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;token'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand load 'Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key'
            cand list 'Serials available for assignment'
            cand assign 'Give a user the token with this serial; their codes then come from it'
            cand withdraw 'Take a user''s token away for good; with a mobile number they get SMS codes'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;token;load'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;token;list'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;token;assign'= {
            cand --millekod 'millekod'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;token;withdraw'= {
            cand --millekod 'millekod'
            cand --because 'Why: lost, broken or returned'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;token;help'= {
            cand load 'Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key'
            cand list 'Serials available for assignment'
            cand assign 'Give a user the token with this serial; their codes then come from it'
            cand withdraw 'Take a user''s token away for good; with a mobile number they get SMS codes'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;token;help;load'= {
        }
        &'millectl;token;help;list'= {
        }
        &'millectl;token;help;assign'= {
        }
        &'millectl;token;help;withdraw'= {
        }
        &'millectl;token;help;help'= {
        }
        &'millectl;config'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand set 'Set a value of the current profile (`server`); creates the profile'
            cand show 'Show the current profile: server, its session and whether the server still accepts it, config path'
            cand list 'List the profiles: server, stored session, which one is current'
            cand use 'Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile still override it)'
            cand delete 'Delete a profile: its settings and its stored session (ended on the server). The current profile is refused: `config use` another one first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;config;set'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;config;show'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;config;list'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;config;use'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;config;delete'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;config;help'= {
            cand set 'Set a value of the current profile (`server`); creates the profile'
            cand show 'Show the current profile: server, its session and whether the server still accepts it, config path'
            cand list 'List the profiles: server, stored session, which one is current'
            cand use 'Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile still override it)'
            cand delete 'Delete a profile: its settings and its stored session (ended on the server). The current profile is refused: `config use` another one first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;config;help;set'= {
        }
        &'millectl;config;help;show'= {
        }
        &'millectl;config;help;list'= {
        }
        &'millectl;config;help;use'= {
        }
        &'millectl;config;help;delete'= {
        }
        &'millectl;config;help;help'= {
        }
        &'millectl;api-token'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Create a token for a batch script; prints it once (it is never shown again)'
            cand list 'List the API tokens, revoked ones included'
            cand revoke 'Revoke a token at once; scripts using it get "not authenticated"'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;api-token;create'= {
            cand --scope 'What the token may do (repeat or separate with commas)'
            cand --expires-in 'Lifetime: 30d, 12h, 90m or 3600s [default: 30 days; at most 365 days]'
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;api-token;list'= {
            cand --limit 'Print at most N tokens [default: every one]. The server sends the whole list; this cuts it here'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --all 'Print every token (the default)'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;api-token;revoke'= {
            cand --reason 'Why: a ticket number or a few words, kept in the audit'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;api-token;help'= {
            cand create 'Create a token for a batch script; prints it once (it is never shown again)'
            cand list 'List the API tokens, revoked ones included'
            cand revoke 'Revoke a token at once; scripts using it get "not authenticated"'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;api-token;help;create'= {
        }
        &'millectl;api-token;help;list'= {
        }
        &'millectl;api-token;help;revoke'= {
        }
        &'millectl;api-token;help;help'= {
        }
        &'millectl;audit'= {
            cand --millekod 'Only records about this company'
            cand --login 'Only records about this login'
            cand --since 'Only records from this time on: a span back from now (90m, 1h30m, 2d, 1w), a date-time in the local time zone (TZ) such as 2026-11-30 14:02 (or 2026-11-30 for its midnight), or one with Z or an offset (2026-11-30T13:02:00Z, +01:00)'
            cand --until 'Only records up to this time (inclusive), written as for --since'
            cand --action 'Only these actions: a full name (user.unblock) or a verb (unblock: every action ending in .unblock); repeat it or separate with commas for several'
            cand --outcome 'Only this outcome'
            cand --actor 'Only what this actor did: a login or token name (helpdesk), or the audit''s whole actor (operator:helpdesk, user:12345678/anna, token:batch, anonymous)'
            cand --limit 'Print at most N records, newest first [default: 100]; any N, read a page of at most 1000 at a time'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --all 'Print every matching record, back to the first'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;completions'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;man'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;generate-assets'= {
            cand --out-dir 'The directory to write `completions/` and `man/` into (the repository''s root)'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;demo'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;server'= {
            cand --config 'Read the settings from this TOML file: each key a flag''s long name, e.g. `listen = "0.0.0.0:8443"`, `trusted-proxy = ["10.0.0.0/8"]`. Flags and their environment variables take precedence; secrets only by file or environment'
            cand --log-format 'Log format: one JSON object per line (the default when stderr is not a terminal), or text (the default on a terminal). One line per request; colours only on a terminal'
            cand --listen 'Address to listen on. Plain HTTP only on loopback unless --insecure-http'
            cand --database 'Database URL: sqlite://PATH (default: a file in the user''s data dir) or postgres://USER@HOST/DB'
            cand --pepper-file 'File holding the pepper (64 hex characters); or set MILLECTL_PEPPER'
            cand --tls-cert 'TLS certificate chain (PEM)'
            cand --tls-key 'TLS private key (PEM)'
            cand --lockout-limit 'Consecutive failed logins before a block (1-5; EU RTS on SCA, Art. 4)'
            cand --operator-idle-minutes 'Operator sessions end after this many minutes without activity'
            cand --operator-max-hours 'Operator sessions end this many hours after login, active or not'
            cand --user-idle-seconds 'Company users'' sessions end after this many seconds without activity. The EU RTS on SCA (Art. 4(3)(d)) caps it at 300; lower values are for tests'
            cand --bulk-concurrency 'Phone-change chunks (`phone import`) worked on at once; more are answered 429 with Retry-After, and clients wait'
            cand --phone-change-hold-hours 'After a phone change, no one-time access password goes to the new number without a second operator''s approval (`millectl approve`) for this many hours (0: never held; at most 720)'
            cand --sms-min-interval-secs 'Least seconds between two SMS login codes to one login; a start in between re-uses the live code or is answered 429 with Retry-After (0: no least time)'
            cand --sms-per-hour 'SMS login codes to one login in any rolling hour'
            cand --sms-budget-per-minute 'SMS login codes all logins together may cost per minute (per database, so for all replicas). Past it the breaker opens until the minute ends: starts needing a new code get 429, and the server logs an error'
            cand --open-challenges-per-login 'Open login challenges per login; a start beyond them gets the newest again'
            cand --sms-reuse-min-left-secs 'A live SMS code (or open challenge) is handed out again only with at least this many seconds to live; 300, a code''s whole life, turns re-use off (tests)'
            cand --sweep-interval-secs 'Seconds between passes of the background sweep of expired rows (tests)'
            cand --login-attempts-retention 'How long login attempts are kept for `user history` and `user show` (30d, 12h, …), and the audit records of anonymous callers (unknown logins'' failures); the background sweep deletes older ones. [default: 90d]'
            cand --audit-retention 'How long every audit record is kept (400d, 7y as 2555d, …); the background sweep deletes older ones. The audit stays append-only for anything newer. [default: kept for good]'
            cand --token-transport-key-file 'File with the AES-128 transport key (32 hex characters) under which the token vendor encrypts the seeds of PSKC inventories; without it, back-office cannot load tokens. `--dev` makes one in its directory'
            cand --sms-webhook-url 'SMS gateway webhook: each SMS is POSTed there as {"to", "text"}'
            cand --sms-webhook-token-file 'File holding the webhook''s bearer secret (or set MILLECTL_SMS_WEBHOOK_TOKEN)'
            cand --seed-users 'Dev server: add N synthetic users (u000001…, 100 per MilleKod from 20000000, phone +48 500 000 000 + n, password `<login>Pass1`) for benchmarks'
            cand --data-dir 'Directory of the dev server (default: a new temporary directory)'
            cand --header-timeout-secs 'Close a connection whose request head has begun but not ended after this many seconds; also the time a TLS handshake may take'
            cand --body-timeout-secs 'Answer 408 and close when a request''s body has not arrived whole this many seconds after its head'
            cand --idle-timeout-secs 'Close a connection on which nothing moved for this many seconds while no request was being answered (a silent new connection, a quiet keep-alive, a client that stopped reading)'
            cand --max-connections 'Connections open at once; beyond it the server stops accepting and new ones wait in the kernel''s backlog. Lowered at start to fit under the descriptor limit'
            cand --max-connections-per-source 'Connections open at once from one TCP peer; more are accepted and closed at once. Trusted proxies (--trusted-proxy) are exempt'
            cand --shutdown-timeout 'On SIGTERM or Ctrl-C, how long requests in flight may take to finish (30s, 2m, …) once the server stops accepting; queued writes and closing the database fit in the same time. [default: 30s]'
            cand --management-listen 'Also serve GET /v1/health, /v1/health/live, /v1/health/ready and GET /metrics (OpenMetrics text) here, plain HTTP, with a connection cap of its own, so probes get through while the API is at its cap. A bare PORT binds 127.0.0.1:PORT (loopback unless an address is named). `--dev` binds one on 127.0.0.1 (port 0) unless given. Also spelled --metrics-listen'
            cand --metrics-listen 'Also serve GET /v1/health, /v1/health/live, /v1/health/ready and GET /metrics (OpenMetrics text) here, plain HTTP, with a connection cap of its own, so probes get through while the API is at its cap. A bare PORT binds 127.0.0.1:PORT (loopback unless an address is named). `--dev` binds one on 127.0.0.1 (port 0) unless given. Also spelled --metrics-listen'
            cand --trusted-proxy 'Proxies (CIDR or address; repeat or separate with commas) whose forwarding header names the client. From anyone else the header is ignored'
            cand --forwarded-header 'Which header the trusted proxies write; the other is never read'
            cand --argon2-concurrency 'Argon2 verifications run at once; each holds 19 MiB, so Argon2 never holds more than this × 19 MiB. Default: the number of cores, at most 16'
            cand --argon2-queue 'Login checks that may wait for an Argon2 slot; one more is answered 503 with Retry-After at once. Default: 4 × --argon2-concurrency'
            cand --argon2-queue-timeout-ms 'How long a login check waits for an Argon2 slot before it is answered 503 with Retry-After'
            cand --login-starts-per-source-per-minute 'Login starts (POST /v1/sessions) one client address may send per minute, once its burst is spent; more are answered 429 with Retry-After'
            cand --login-starts-burst 'Login starts one client address may send at once before the per-minute rate applies (dozens of users behind one corporate NAT)'
            cand --login-checks-per-source-per-minute 'Login checks (POST /v1/sessions/{id}, one Argon2 each) one client address may send per minute, once its burst is spent; more are answered 429 with Retry-After'
            cand --login-checks-burst 'Login checks one client address may send at once before the per-minute rate applies'
            cand --masked-password-subsets 'Subsets of positions stored per new masked password: a challenge asks one of them. More make a watched login less useful to replay (1 in N) and cost one more Argon2 run each when a password is set'
            cand --mask-key-pkcs11-module 'PKCS#11 module (the HSM vendor''s library) holding the key that masks new password records; without it the key is derived from the pepper'
            cand --mask-key-pkcs11-token 'Label of the token that holds the key'
            cand --mask-key-pkcs11-key 'Label of the key new records are made with (`server mask-key generate`). The token''s other HMAC keys still check the records they made'
            cand --mask-key-pkcs11-pin-file 'File holding the token''s user PIN; or set MILLECTL_PKCS11_PIN'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --insecure-http 'Serve plain HTTP on a non-loopback address (behind a TLS-terminating proxy)'
            cand --require-reason 'Require operators (and their API tokens) to give a reason for every change'
            cand --dev 'Throw-away server with demo data, a generated pepper and an SMS outbox file'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand operator 'Manage HelpDesk operators directly in the database (bootstrap)'
            cand init-pepper 'Write a new random pepper to a file (mode 0600)'
            cand mask-key 'Manage the masked-password key in a PKCS#11 token'
            cand backup 'Copy an SQLite database to OUT, consistently, while the server runs'
            cand restore 'Put a backup back as the SQLite database; stop the server first'
            cand config 'Check a config file (`server --config FILE`) without starting the server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;server;operator'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand add 'Create an operator; prints the temporary password and token seed once'
            cand unblock 'Give a locked-out operator three more attempts with the current password'
            cand reset 'Start an operator over: new temporary password and token seed, printed once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;server;operator;add'= {
            cand --role 'HelpDesk (unblocks, phones) or back-office (envelopes with one-time access passwords, provisioning); nobody holds both'
            cand --name 'Display name: one line of visible text (no control, bidi or zero-width characters)'
            cand --database 'Database URL (sqlite://PATH or postgres://…)'
            cand --pepper-file 'File holding the server''s pepper; or set MILLECTL_PEPPER'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;server;operator;unblock'= {
            cand --database 'Database URL (sqlite://PATH or postgres://…)'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;server;operator;reset'= {
            cand --database 'Database URL (sqlite://PATH or postgres://…)'
            cand --pepper-file 'File holding the server''s pepper; or set MILLECTL_PEPPER'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;server;operator;help'= {
            cand add 'Create an operator; prints the temporary password and token seed once'
            cand unblock 'Give a locked-out operator three more attempts with the current password'
            cand reset 'Start an operator over: new temporary password and token seed, printed once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;server;operator;help;add'= {
        }
        &'millectl;server;operator;help;unblock'= {
        }
        &'millectl;server;operator;help;reset'= {
        }
        &'millectl;server;operator;help;help'= {
        }
        &'millectl;server;init-pepper'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;server;mask-key'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand generate 'Generate a new HMAC key inside the token (never extractable); prints its id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;server;mask-key;generate'= {
            cand --pkcs11-module 'The PKCS#11 module (the HSM vendor''s library)'
            cand --pkcs11-token 'Label of the token'
            cand --key 'Label of the new key; must not exist in the token'
            cand --pkcs11-pin-file 'File holding the token''s user PIN; or set MILLECTL_PKCS11_PIN'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;server;mask-key;help'= {
            cand generate 'Generate a new HMAC key inside the token (never extractable); prints its id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;server;mask-key;help;generate'= {
        }
        &'millectl;server;mask-key;help;help'= {
        }
        &'millectl;server;backup'= {
            cand --database 'Database URL (sqlite://PATH)'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --force 'Replace OUT if it exists'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;server;restore'= {
            cand --database 'Database URL (sqlite://PATH) to restore to; made if missing'
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --force 'Replace the database even while it is in use or unreadable: the running server''s later writes are lost, and it must be stopped at once'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;server;config'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand check 'Check every key and value of a config file; prints `FILE: ok`, or the first problem (exit 7)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;server;config;check'= {
            cand --server 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]'
            cand --profile 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it'
            cand -o 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --output 'Output format: a table for people (wide: every column), json or csv for scripts'
            cand --columns 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers'
            cand --jq 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line'
            cand --no-color 'No colors (also NO_COLOR=1)'
            cand --utc 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)'
            cand -v 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --verbose 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret'
            cand --no-pager 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'millectl;server;config;help'= {
            cand check 'Check every key and value of a config file; prints `FILE: ok`, or the first problem (exit 7)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;server;config;help;check'= {
        }
        &'millectl;server;config;help;help'= {
        }
        &'millectl;server;help'= {
            cand operator 'Manage HelpDesk operators directly in the database (bootstrap)'
            cand init-pepper 'Write a new random pepper to a file (mode 0600)'
            cand mask-key 'Manage the masked-password key in a PKCS#11 token'
            cand backup 'Copy an SQLite database to OUT, consistently, while the server runs'
            cand restore 'Put a backup back as the SQLite database; stop the server first'
            cand config 'Check a config file (`server --config FILE`) without starting the server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;server;help;operator'= {
            cand add 'Create an operator; prints the temporary password and token seed once'
            cand unblock 'Give a locked-out operator three more attempts with the current password'
            cand reset 'Start an operator over: new temporary password and token seed, printed once'
        }
        &'millectl;server;help;operator;add'= {
        }
        &'millectl;server;help;operator;unblock'= {
        }
        &'millectl;server;help;operator;reset'= {
        }
        &'millectl;server;help;init-pepper'= {
        }
        &'millectl;server;help;mask-key'= {
            cand generate 'Generate a new HMAC key inside the token (never extractable); prints its id'
        }
        &'millectl;server;help;mask-key;generate'= {
        }
        &'millectl;server;help;backup'= {
        }
        &'millectl;server;help;restore'= {
        }
        &'millectl;server;help;config'= {
            cand check 'Check every key and value of a config file; prints `FILE: ok`, or the first problem (exit 7)'
        }
        &'millectl;server;help;config;check'= {
        }
        &'millectl;server;help;help'= {
        }
        &'millectl;help'= {
            cand login 'Log in (interactive, or --password-stdin/--with-token for scripts)'
            cand logout 'Forget the stored session (and end it on the server)'
            cand whoami 'Who the current session or token belongs to'
            cand user 'Show and list users; require a new password of one'
            cand unblock 'Unblock a user: three more attempts, or the right to set a new password'
            cand phone 'Set users'' mobile numbers for SMS codes'
            cand approve 'Approve another operator''s request that waits for a second operator'
            cand approvals 'The requests waiting for a second operator (maker–checker)'
            cand envelope 'Back-office: a one-time access password for a sealed envelope, printed once'
            cand token 'Hardware tokens: load the inventory, assign by serial, withdraw'
            cand config 'Read and change the config file (server per profile)'
            cand api-token 'API tokens for batch scripts (operators)'
            cand audit 'The audit trail: who did what to whom, newest first'
            cand completions 'Print the shell completion script of millectl'
            cand man 'Print the man page of millectl or of one of its commands'
            cand generate-assets 'Write completions/ and man/ (what scripts/generate-assets.sh runs)'
            cand demo 'Walk through the helpdesk job against a throw-away server started in-process'
            cand server 'Run the auth API (SQLite by default, PostgreSQL for several replicas)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'millectl;help;login'= {
        }
        &'millectl;help;logout'= {
        }
        &'millectl;help;whoami'= {
        }
        &'millectl;help;user'= {
            cand show 'Show one user: status, attempts, authorization tool, phone (masked)'
            cand list 'List the users of a company, filtered'
            cand find 'Find users across companies (a co-user: in their own) by login, name, the phone''s last digits or MilleKod'
            cand require-password-change 'Make a user set a new password at their next login (e.g. one stored under an old scheme): a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token'
            cand suspend 'Block a user on purpose (lost token, suspected fraud, left the company), with a reason: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only'
            cand release 'Lift a suspension: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only'
            cand resend 'Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour'
            cand history 'Why is this user blocked: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first'
        }
        &'millectl;help;user;show'= {
        }
        &'millectl;help;user;list'= {
        }
        &'millectl;help;user;find'= {
        }
        &'millectl;help;user;require-password-change'= {
        }
        &'millectl;help;user;suspend'= {
        }
        &'millectl;help;user;release'= {
        }
        &'millectl;help;user;resend'= {
        }
        &'millectl;help;user;history'= {
        }
        &'millectl;help;unblock'= {
            cand current-password 'The user remembers the password: grant three more attempts with it'
            cand new-password 'The user forgot it: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)'
        }
        &'millectl;help;unblock;current-password'= {
        }
        &'millectl;help;unblock;new-password'= {
        }
        &'millectl;help;phone'= {
            cand set 'Set a user''s mobile number, as people type it: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)'
            cand import 'Change many users'' numbers from a CSV file (millekod,login,phone[,expected_phone]), in chunks, resumable after an interruption: run the same command again'
        }
        &'millectl;help;phone;set'= {
        }
        &'millectl;help;phone;import'= {
        }
        &'millectl;help;approve'= {
        }
        &'millectl;help;approvals'= {
        }
        &'millectl;help;envelope'= {
        }
        &'millectl;help;token'= {
            cand load 'Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key'
            cand list 'Serials available for assignment'
            cand assign 'Give a user the token with this serial; their codes then come from it'
            cand withdraw 'Take a user''s token away for good; with a mobile number they get SMS codes'
        }
        &'millectl;help;token;load'= {
        }
        &'millectl;help;token;list'= {
        }
        &'millectl;help;token;assign'= {
        }
        &'millectl;help;token;withdraw'= {
        }
        &'millectl;help;config'= {
            cand set 'Set a value of the current profile (`server`); creates the profile'
            cand show 'Show the current profile: server, its session and whether the server still accepts it, config path'
            cand list 'List the profiles: server, stored session, which one is current'
            cand use 'Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile still override it)'
            cand delete 'Delete a profile: its settings and its stored session (ended on the server). The current profile is refused: `config use` another one first'
        }
        &'millectl;help;config;set'= {
        }
        &'millectl;help;config;show'= {
        }
        &'millectl;help;config;list'= {
        }
        &'millectl;help;config;use'= {
        }
        &'millectl;help;config;delete'= {
        }
        &'millectl;help;api-token'= {
            cand create 'Create a token for a batch script; prints it once (it is never shown again)'
            cand list 'List the API tokens, revoked ones included'
            cand revoke 'Revoke a token at once; scripts using it get "not authenticated"'
        }
        &'millectl;help;api-token;create'= {
        }
        &'millectl;help;api-token;list'= {
        }
        &'millectl;help;api-token;revoke'= {
        }
        &'millectl;help;audit'= {
        }
        &'millectl;help;completions'= {
        }
        &'millectl;help;man'= {
        }
        &'millectl;help;generate-assets'= {
        }
        &'millectl;help;demo'= {
        }
        &'millectl;help;server'= {
            cand operator 'Manage HelpDesk operators directly in the database (bootstrap)'
            cand init-pepper 'Write a new random pepper to a file (mode 0600)'
            cand mask-key 'Manage the masked-password key in a PKCS#11 token'
            cand backup 'Copy an SQLite database to OUT, consistently, while the server runs'
            cand restore 'Put a backup back as the SQLite database; stop the server first'
            cand config 'Check a config file (`server --config FILE`) without starting the server'
        }
        &'millectl;help;server;operator'= {
            cand add 'Create an operator; prints the temporary password and token seed once'
            cand unblock 'Give a locked-out operator three more attempts with the current password'
            cand reset 'Start an operator over: new temporary password and token seed, printed once'
        }
        &'millectl;help;server;operator;add'= {
        }
        &'millectl;help;server;operator;unblock'= {
        }
        &'millectl;help;server;operator;reset'= {
        }
        &'millectl;help;server;init-pepper'= {
        }
        &'millectl;help;server;mask-key'= {
            cand generate 'Generate a new HMAC key inside the token (never extractable); prints its id'
        }
        &'millectl;help;server;mask-key;generate'= {
        }
        &'millectl;help;server;backup'= {
        }
        &'millectl;help;server;restore'= {
        }
        &'millectl;help;server;config'= {
            cand check 'Check every key and value of a config file; prints `FILE: ok`, or the first problem (exit 7)'
        }
        &'millectl;help;server;config;check'= {
        }
        &'millectl;help;help'= {
        }
    ]
    $completions[$command]
}
