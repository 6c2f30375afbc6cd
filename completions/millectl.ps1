
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'millectl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'millectl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'millectl' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in (interactive, or --password-stdin/--with-token for scripts)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the stored session (and end it on the server)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Who the current session or token belongs to')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Show and list users; require a new password of one')
            [CompletionResult]::new('unblock', 'unblock', [CompletionResultType]::ParameterValue, 'Unblock a user: three more attempts, or the right to set a new password')
            [CompletionResult]::new('phone', 'phone', [CompletionResultType]::ParameterValue, 'Set users'' mobile numbers for SMS codes')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another operator''s request that waits for a second operator')
            [CompletionResult]::new('approvals', 'approvals', [CompletionResultType]::ParameterValue, 'The requests waiting for a second operator (maker–checker)')
            [CompletionResult]::new('envelope', 'envelope', [CompletionResultType]::ParameterValue, 'Back-office: a one-time access password for a sealed envelope, printed once')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Hardware tokens: load the inventory, assign by serial, withdraw')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Read and change the config file (server per profile)')
            [CompletionResult]::new('api-token', 'api-token', [CompletionResultType]::ParameterValue, 'API tokens for batch scripts (operators)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit trail: who did what to whom, newest first')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script of millectl')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page of millectl or of one of its commands')
            [CompletionResult]::new('generate-assets', 'generate-assets', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ (what scripts/generate-assets.sh runs)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through the helpdesk job against a throw-away server started in-process')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the auth API (SQLite by default, PostgreSQL for several replicas)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;login' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code; leave out for HelpDesk operators')
            [CompletionResult]::new('--login', '--login', [CompletionResultType]::ParameterName, 'Your login')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'Deprecated: the one-time code as an argument, visible in the process list; give it at the prompt, or on stdin after the password with --password-stdin')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the secrets from stdin, one per line: the password (first login and new password: the temporary password, then the new one), then the one-time code')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Read an API token from stdin and store it instead of logging in')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;logout' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;whoami' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;user' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user: status, attempts, authorization tool, phone (masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users of a company, filtered')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Find users across companies (a co-user: in their own) by login, name, the phone''s last digits or MilleKod')
            [CompletionResult]::new('require-password-change', 'require-password-change', [CompletionResultType]::ParameterValue, 'Make a user set a new password at their next login (e.g. one stored under an old scheme): a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Block a user on purpose (lost token, suspected fraud, left the company), with a reason: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Lift a suspension: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Why is this user blocked: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;user;show' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code [default: your own, for co-users]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--reveal-phone', '--reveal-phone', [CompletionResultType]::ParameterName, 'Show the whole phone number (recorded in the audit)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;user;list' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code [default: your own, for co-users]')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only users in this status (repeatable): pending_activation, active, blocked, awaiting_new_password')
            [CompletionResult]::new('--tool', '--tool', [CompletionResultType]::ParameterName, 'Only users of this authorization tool')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N users [default: every one, read 1000 a page]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--blocked', '--blocked', [CompletionResultType]::ParameterName, 'Only blocked users (the same as `--status blocked`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Print every user (the default; a script can say so)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;user;find' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Only this company (co-users always search their own)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only users in this status (repeatable): pending_activation, active, blocked, awaiting_new_password')
            [CompletionResult]::new('--tool', '--tool', [CompletionResultType]::ParameterName, 'Only users of this authorization tool')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N users [default: every one, read 1000 a page]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Print every user (the default; a script can say so)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;user;require-password-change' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code [default: your own, for co-users]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;user;suspend' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (required): a ticket number or a few words, shown with the user and kept in the audit, e.g. "lost token, ticket 4411"')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;user;release' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;user;resend' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code [default: your own, for co-users]')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read the users from FILE (`-`: stdin): one login, or millekod;login, per line; blank lines and # comments are skipped')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;user;history' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code [default: your own, for co-users]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries from this time on: a span back from now (90m, 1h30m, 2d, 1w), a date-time in the local time zone (TZ) such as 2026-11-30 14:02 (or 2026-11-30 for its midnight), or one with Z or an offset (2026-11-30T13:02:00Z, +01:00)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many entries [server default: 50]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;user;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user: status, attempts, authorization tool, phone (masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users of a company, filtered')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Find users across companies (a co-user: in their own) by login, name, the phone''s last digits or MilleKod')
            [CompletionResult]::new('require-password-change', 'require-password-change', [CompletionResultType]::ParameterValue, 'Make a user set a new password at their next login (e.g. one stored under an old scheme): a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Block a user on purpose (lost token, suspected fraud, left the company), with a reason: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Lift a suspension: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Why is this user blocked: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;user;help;show' {
            break
        }
        'millectl;user;help;list' {
            break
        }
        'millectl;user;help;find' {
            break
        }
        'millectl;user;help;require-password-change' {
            break
        }
        'millectl;user;help;suspend' {
            break
        }
        'millectl;user;help;release' {
            break
        }
        'millectl;user;help;resend' {
            break
        }
        'millectl;user;help;history' {
            break
        }
        'millectl;user;help;help' {
            break
        }
        'millectl;unblock' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('current-password', 'current-password', [CompletionResultType]::ParameterValue, 'The user remembers the password: grant three more attempts with it')
            [CompletionResult]::new('new-password', 'new-password', [CompletionResultType]::ParameterValue, 'The user forgot it: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;unblock;current-password' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code [default: your own, for co-users]')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read the users from FILE (`-`: stdin): one login, or millekod;login, per line; blank lines and # comments are skipped')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;unblock;new-password' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code [default: your own, for co-users]')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read the users from FILE (`-`: stdin): one login, or millekod;login, per line; blank lines and # comments are skipped')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;unblock;help' {
            [CompletionResult]::new('current-password', 'current-password', [CompletionResultType]::ParameterValue, 'The user remembers the password: grant three more attempts with it')
            [CompletionResult]::new('new-password', 'new-password', [CompletionResultType]::ParameterValue, 'The user forgot it: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;unblock;help;current-password' {
            break
        }
        'millectl;unblock;help;new-password' {
            break
        }
        'millectl;unblock;help;help' {
            break
        }
        'millectl;phone' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a user''s mobile number, as people type it: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Change many users'' numbers from a CSV file (millekod,login,phone[,expected_phone]), in chunks, resumable after an interruption: run the same command again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;phone;set' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code [default: your own, for co-users]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;phone;import' {
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write a CSV with one line per input row: its outcome and message (numbers masked)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Where finished chunks are recorded, for resuming [default: a file under the config directory named after the input''s hash and the server]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Chunks sent at once')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Rows per chunk (a resumed import keeps the size it started with)')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying a chunk while the server is unreachable, restarting or busy, before stopping (the import can then be resumed). Each retry is said on stderr, with its reason and wait')
            [CompletionResult]::new('--progress-every', '--progress-every', [CompletionResultType]::ParameterName, 'When stderr is not a terminal: how often a progress line is printed there (0: after every chunk)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Ask the server what would happen to each row; change nothing')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Check the file here and stop: send nothing')
            [CompletionResult]::new('--no-notify-old', '--no-notify-old', [CompletionResultType]::ParameterName, 'Do not tell the old numbers of the change by SMS. Needs --reason; every row''s audit record says the old number was not told')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;phone;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a user''s mobile number, as people type it: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Change many users'' numbers from a CSV file (millekod,login,phone[,expected_phone]), in chunks, resumable after an interruption: run the same command again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;phone;help;set' {
            break
        }
        'millectl;phone;help;import' {
            break
        }
        'millectl;phone;help;help' {
            break
        }
        'millectl;approve' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;approvals' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;envelope' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Company code')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;token' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Serials available for assignment')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Give a user the token with this serial; their codes then come from it')
            [CompletionResult]::new('withdraw', 'withdraw', [CompletionResultType]::ParameterValue, 'Take a user''s token away for good; with a mobile number they get SMS codes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;token;load' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;token;list' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;token;assign' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'millekod')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;token;withdraw' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'millekod')
            [CompletionResult]::new('--because', '--because', [CompletionResultType]::ParameterName, 'Why: lost, broken or returned')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;token;help' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Serials available for assignment')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Give a user the token with this serial; their codes then come from it')
            [CompletionResult]::new('withdraw', 'withdraw', [CompletionResultType]::ParameterValue, 'Take a user''s token away for good; with a mobile number they get SMS codes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;token;help;load' {
            break
        }
        'millectl;token;help;list' {
            break
        }
        'millectl;token;help;assign' {
            break
        }
        'millectl;token;help;withdraw' {
            break
        }
        'millectl;token;help;help' {
            break
        }
        'millectl;config' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a value of the current profile (`server`); creates the profile')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the current profile: server, its session and whether the server still accepts it, config path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles: server, stored session, which one is current')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile still override it)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a profile: its settings and its stored session (ended on the server). The current profile is refused: `config use` another one first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;config;set' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;config;show' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;config;list' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;config;use' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;config;delete' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;config;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a value of the current profile (`server`); creates the profile')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the current profile: server, its session and whether the server still accepts it, config path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles: server, stored session, which one is current')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile still override it)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a profile: its settings and its stored session (ended on the server). The current profile is refused: `config use` another one first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;config;help;set' {
            break
        }
        'millectl;config;help;show' {
            break
        }
        'millectl;config;help;list' {
            break
        }
        'millectl;config;help;use' {
            break
        }
        'millectl;config;help;delete' {
            break
        }
        'millectl;config;help;help' {
            break
        }
        'millectl;api-token' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a batch script; prints it once (it is never shown again)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the API tokens, revoked ones included')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once; scripts using it get "not authenticated"')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;api-token;create' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'What the token may do (repeat or separate with commas)')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Lifetime: 30d, 12h, 90m or 3600s [default: 30 days; at most 365 days]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;api-token;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N tokens [default: every one]. The server sends the whole list; this cuts it here')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Print every token (the default)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;api-token;revoke' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: a ticket number or a few words, kept in the audit')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;api-token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a batch script; prints it once (it is never shown again)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the API tokens, revoked ones included')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once; scripts using it get "not authenticated"')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;api-token;help;create' {
            break
        }
        'millectl;api-token;help;list' {
            break
        }
        'millectl;api-token;help;revoke' {
            break
        }
        'millectl;api-token;help;help' {
            break
        }
        'millectl;audit' {
            [CompletionResult]::new('--millekod', '--millekod', [CompletionResultType]::ParameterName, 'Only records about this company')
            [CompletionResult]::new('--login', '--login', [CompletionResultType]::ParameterName, 'Only records about this login')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records from this time on: a span back from now (90m, 1h30m, 2d, 1w), a date-time in the local time zone (TZ) such as 2026-11-30 14:02 (or 2026-11-30 for its midnight), or one with Z or an offset (2026-11-30T13:02:00Z, +01:00)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only records up to this time (inclusive), written as for --since')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only these actions: a full name (user.unblock) or a verb (unblock: every action ending in .unblock); repeat it or separate with commas for several')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only this outcome')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Only what this actor did: a login or token name (helpdesk), or the audit''s whole actor (operator:helpdesk, user:12345678/anna, token:batch, anonymous)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N records, newest first [default: 100]; any N, read a page of at most 1000 at a time')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Print every matching record, back to the first')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;completions' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;man' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;generate-assets' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'The directory to write `completions/` and `man/` into (the repository''s root)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;demo' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;server' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read the settings from this TOML file: each key a flag''s long name, e.g. `listen = "0.0.0.0:8443"`, `trusted-proxy = ["10.0.0.0/8"]`. Flags and their environment variables take precedence; secrets only by file or environment')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format: one JSON object per line (the default when stderr is not a terminal), or text (the default on a terminal). One line per request; colours only on a terminal')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on. Plain HTTP only on loopback unless --insecure-http')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database URL: sqlite://PATH (default: a file in the user''s data dir) or postgres://USER@HOST/DB')
            [CompletionResult]::new('--pepper-file', '--pepper-file', [CompletionResultType]::ParameterName, 'File holding the pepper (64 hex characters); or set MILLECTL_PEPPER')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'TLS certificate chain (PEM)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'TLS private key (PEM)')
            [CompletionResult]::new('--lockout-limit', '--lockout-limit', [CompletionResultType]::ParameterName, 'Consecutive failed logins before a block (1-5; EU RTS on SCA, Art. 4)')
            [CompletionResult]::new('--operator-idle-minutes', '--operator-idle-minutes', [CompletionResultType]::ParameterName, 'Operator sessions end after this many minutes without activity')
            [CompletionResult]::new('--operator-max-hours', '--operator-max-hours', [CompletionResultType]::ParameterName, 'Operator sessions end this many hours after login, active or not')
            [CompletionResult]::new('--user-idle-seconds', '--user-idle-seconds', [CompletionResultType]::ParameterName, 'Company users'' sessions end after this many seconds without activity. The EU RTS on SCA (Art. 4(3)(d)) caps it at 300; lower values are for tests')
            [CompletionResult]::new('--bulk-concurrency', '--bulk-concurrency', [CompletionResultType]::ParameterName, 'Phone-change chunks (`phone import`) worked on at once; more are answered 429 with Retry-After, and clients wait')
            [CompletionResult]::new('--phone-change-hold-hours', '--phone-change-hold-hours', [CompletionResultType]::ParameterName, 'After a phone change, no one-time access password goes to the new number without a second operator''s approval (`millectl approve`) for this many hours (0: never held; at most 720)')
            [CompletionResult]::new('--sms-min-interval-secs', '--sms-min-interval-secs', [CompletionResultType]::ParameterName, 'Least seconds between two SMS login codes to one login; a start in between re-uses the live code or is answered 429 with Retry-After (0: no least time)')
            [CompletionResult]::new('--sms-per-hour', '--sms-per-hour', [CompletionResultType]::ParameterName, 'SMS login codes to one login in any rolling hour')
            [CompletionResult]::new('--sms-budget-per-minute', '--sms-budget-per-minute', [CompletionResultType]::ParameterName, 'SMS login codes all logins together may cost per minute (per database, so for all replicas). Past it the breaker opens until the minute ends: starts needing a new code get 429, and the server logs an error')
            [CompletionResult]::new('--open-challenges-per-login', '--open-challenges-per-login', [CompletionResultType]::ParameterName, 'Open login challenges per login; a start beyond them gets the newest again')
            [CompletionResult]::new('--sms-reuse-min-left-secs', '--sms-reuse-min-left-secs', [CompletionResultType]::ParameterName, 'A live SMS code (or open challenge) is handed out again only with at least this many seconds to live; 300, a code''s whole life, turns re-use off (tests)')
            [CompletionResult]::new('--sweep-interval-secs', '--sweep-interval-secs', [CompletionResultType]::ParameterName, 'Seconds between passes of the background sweep of expired rows (tests)')
            [CompletionResult]::new('--login-attempts-retention', '--login-attempts-retention', [CompletionResultType]::ParameterName, 'How long login attempts are kept for `user history` and `user show` (30d, 12h, …), and the audit records of anonymous callers (unknown logins'' failures); the background sweep deletes older ones. [default: 90d]')
            [CompletionResult]::new('--audit-retention', '--audit-retention', [CompletionResultType]::ParameterName, 'How long every audit record is kept (400d, 7y as 2555d, …); the background sweep deletes older ones. The audit stays append-only for anything newer. [default: kept for good]')
            [CompletionResult]::new('--token-transport-key-file', '--token-transport-key-file', [CompletionResultType]::ParameterName, 'File with the AES-128 transport key (32 hex characters) under which the token vendor encrypts the seeds of PSKC inventories; without it, back-office cannot load tokens. `--dev` makes one in its directory')
            [CompletionResult]::new('--sms-webhook-url', '--sms-webhook-url', [CompletionResultType]::ParameterName, 'SMS gateway webhook: each SMS is POSTed there as {"to", "text"}')
            [CompletionResult]::new('--sms-webhook-token-file', '--sms-webhook-token-file', [CompletionResultType]::ParameterName, 'File holding the webhook''s bearer secret (or set MILLECTL_SMS_WEBHOOK_TOKEN)')
            [CompletionResult]::new('--seed-users', '--seed-users', [CompletionResultType]::ParameterName, 'Dev server: add N synthetic users (u000001…, 100 per MilleKod from 20000000, phone +48 500 000 000 + n, password `<login>Pass1`) for benchmarks')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory of the dev server (default: a new temporary directory)')
            [CompletionResult]::new('--header-timeout-secs', '--header-timeout-secs', [CompletionResultType]::ParameterName, 'Close a connection whose request head has begun but not ended after this many seconds; also the time a TLS handshake may take')
            [CompletionResult]::new('--body-timeout-secs', '--body-timeout-secs', [CompletionResultType]::ParameterName, 'Answer 408 and close when a request''s body has not arrived whole this many seconds after its head')
            [CompletionResult]::new('--idle-timeout-secs', '--idle-timeout-secs', [CompletionResultType]::ParameterName, 'Close a connection on which nothing moved for this many seconds while no request was being answered (a silent new connection, a quiet keep-alive, a client that stopped reading)')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections open at once; beyond it the server stops accepting and new ones wait in the kernel''s backlog. Lowered at start to fit under the descriptor limit')
            [CompletionResult]::new('--max-connections-per-source', '--max-connections-per-source', [CompletionResultType]::ParameterName, 'Connections open at once from one TCP peer; more are accepted and closed at once. Trusted proxies (--trusted-proxy) are exempt')
            [CompletionResult]::new('--shutdown-timeout', '--shutdown-timeout', [CompletionResultType]::ParameterName, 'On SIGTERM or Ctrl-C, how long requests in flight may take to finish (30s, 2m, …) once the server stops accepting; queued writes and closing the database fit in the same time. [default: 30s]')
            [CompletionResult]::new('--management-listen', '--management-listen', [CompletionResultType]::ParameterName, 'Also serve GET /v1/health, /v1/health/live, /v1/health/ready and GET /metrics (OpenMetrics text) here, plain HTTP, with a connection cap of its own, so probes get through while the API is at its cap. A bare PORT binds 127.0.0.1:PORT (loopback unless an address is named). `--dev` binds one on 127.0.0.1 (port 0) unless given. Also spelled --metrics-listen')
            [CompletionResult]::new('--metrics-listen', '--metrics-listen', [CompletionResultType]::ParameterName, 'Also serve GET /v1/health, /v1/health/live, /v1/health/ready and GET /metrics (OpenMetrics text) here, plain HTTP, with a connection cap of its own, so probes get through while the API is at its cap. A bare PORT binds 127.0.0.1:PORT (loopback unless an address is named). `--dev` binds one on 127.0.0.1 (port 0) unless given. Also spelled --metrics-listen')
            [CompletionResult]::new('--trusted-proxy', '--trusted-proxy', [CompletionResultType]::ParameterName, 'Proxies (CIDR or address; repeat or separate with commas) whose forwarding header names the client. From anyone else the header is ignored')
            [CompletionResult]::new('--forwarded-header', '--forwarded-header', [CompletionResultType]::ParameterName, 'Which header the trusted proxies write; the other is never read')
            [CompletionResult]::new('--argon2-concurrency', '--argon2-concurrency', [CompletionResultType]::ParameterName, 'Argon2 verifications run at once; each holds 19 MiB, so Argon2 never holds more than this × 19 MiB. Default: the number of cores, at most 16')
            [CompletionResult]::new('--argon2-queue', '--argon2-queue', [CompletionResultType]::ParameterName, 'Login checks that may wait for an Argon2 slot; one more is answered 503 with Retry-After at once. Default: 4 × --argon2-concurrency')
            [CompletionResult]::new('--argon2-queue-timeout-ms', '--argon2-queue-timeout-ms', [CompletionResultType]::ParameterName, 'How long a login check waits for an Argon2 slot before it is answered 503 with Retry-After')
            [CompletionResult]::new('--login-starts-per-source-per-minute', '--login-starts-per-source-per-minute', [CompletionResultType]::ParameterName, 'Login starts (POST /v1/sessions) one client address may send per minute, once its burst is spent; more are answered 429 with Retry-After')
            [CompletionResult]::new('--login-starts-burst', '--login-starts-burst', [CompletionResultType]::ParameterName, 'Login starts one client address may send at once before the per-minute rate applies (dozens of users behind one corporate NAT)')
            [CompletionResult]::new('--login-checks-per-source-per-minute', '--login-checks-per-source-per-minute', [CompletionResultType]::ParameterName, 'Login checks (POST /v1/sessions/{id}, one Argon2 each) one client address may send per minute, once its burst is spent; more are answered 429 with Retry-After')
            [CompletionResult]::new('--login-checks-burst', '--login-checks-burst', [CompletionResultType]::ParameterName, 'Login checks one client address may send at once before the per-minute rate applies')
            [CompletionResult]::new('--masked-password-subsets', '--masked-password-subsets', [CompletionResultType]::ParameterName, 'Subsets of positions stored per new masked password: a challenge asks one of them. More make a watched login less useful to replay (1 in N) and cost one more Argon2 run each when a password is set')
            [CompletionResult]::new('--mask-key-pkcs11-module', '--mask-key-pkcs11-module', [CompletionResultType]::ParameterName, 'PKCS#11 module (the HSM vendor''s library) holding the key that masks new password records; without it the key is derived from the pepper')
            [CompletionResult]::new('--mask-key-pkcs11-token', '--mask-key-pkcs11-token', [CompletionResultType]::ParameterName, 'Label of the token that holds the key')
            [CompletionResult]::new('--mask-key-pkcs11-key', '--mask-key-pkcs11-key', [CompletionResultType]::ParameterName, 'Label of the key new records are made with (`server mask-key generate`). The token''s other HMAC keys still check the records they made')
            [CompletionResult]::new('--mask-key-pkcs11-pin-file', '--mask-key-pkcs11-pin-file', [CompletionResultType]::ParameterName, 'File holding the token''s user PIN; or set MILLECTL_PKCS11_PIN')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Serve plain HTTP on a non-loopback address (behind a TLS-terminating proxy)')
            [CompletionResult]::new('--require-reason', '--require-reason', [CompletionResultType]::ParameterName, 'Require operators (and their API tokens) to give a reason for every change')
            [CompletionResult]::new('--dev', '--dev', [CompletionResultType]::ParameterName, 'Throw-away server with demo data, a generated pepper and an SMS outbox file')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'Manage HelpDesk operators directly in the database (bootstrap)')
            [CompletionResult]::new('init-pepper', 'init-pepper', [CompletionResultType]::ParameterValue, 'Write a new random pepper to a file (mode 0600)')
            [CompletionResult]::new('mask-key', 'mask-key', [CompletionResultType]::ParameterValue, 'Manage the masked-password key in a PKCS#11 token')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy an SQLite database to OUT, consistently, while the server runs')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put a backup back as the SQLite database; stop the server first')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Check a config file (`server --config FILE`) without starting the server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;server;operator' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an operator; prints the temporary password and token seed once')
            [CompletionResult]::new('unblock', 'unblock', [CompletionResultType]::ParameterValue, 'Give a locked-out operator three more attempts with the current password')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Start an operator over: new temporary password and token seed, printed once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;server;operator;add' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'HelpDesk (unblocks, phones) or back-office (envelopes with one-time access passwords, provisioning); nobody holds both')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name: one line of visible text (no control, bidi or zero-width characters)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database URL (sqlite://PATH or postgres://…)')
            [CompletionResult]::new('--pepper-file', '--pepper-file', [CompletionResultType]::ParameterName, 'File holding the server''s pepper; or set MILLECTL_PEPPER')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;server;operator;unblock' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database URL (sqlite://PATH or postgres://…)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;server;operator;reset' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database URL (sqlite://PATH or postgres://…)')
            [CompletionResult]::new('--pepper-file', '--pepper-file', [CompletionResultType]::ParameterName, 'File holding the server''s pepper; or set MILLECTL_PEPPER')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;server;operator;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an operator; prints the temporary password and token seed once')
            [CompletionResult]::new('unblock', 'unblock', [CompletionResultType]::ParameterValue, 'Give a locked-out operator three more attempts with the current password')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Start an operator over: new temporary password and token seed, printed once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;server;operator;help;add' {
            break
        }
        'millectl;server;operator;help;unblock' {
            break
        }
        'millectl;server;operator;help;reset' {
            break
        }
        'millectl;server;operator;help;help' {
            break
        }
        'millectl;server;init-pepper' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;server;mask-key' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new HMAC key inside the token (never extractable); prints its id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;server;mask-key;generate' {
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (the HSM vendor''s library)')
            [CompletionResult]::new('--pkcs11-token', '--pkcs11-token', [CompletionResultType]::ParameterName, 'Label of the token')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Label of the new key; must not exist in the token')
            [CompletionResult]::new('--pkcs11-pin-file', '--pkcs11-pin-file', [CompletionResultType]::ParameterName, 'File holding the token''s user PIN; or set MILLECTL_PKCS11_PIN')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;server;mask-key;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new HMAC key inside the token (never extractable); prints its id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;server;mask-key;help;generate' {
            break
        }
        'millectl;server;mask-key;help;help' {
            break
        }
        'millectl;server;backup' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database URL (sqlite://PATH)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace OUT if it exists')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;server;restore' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database URL (sqlite://PATH) to restore to; made if missing')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the database even while it is in use or unreadable: the running server''s later writes are lost, and it must be stopped at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;server;config' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check every key and value of a config file; prints `FILE: ok`, or the first problem (exit 7)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;server;config;check' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The auth API''s URL, e.g. https://auth.bank.example [default: from the profile, else http://127.0.0.1:7070]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file (server and stored session) [default: the one `config use` chose, else default]. A name that is not known is refused (exit 7), except by `login` and `config set`, which create it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people (wide: every column), json or csv for scripts')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Only these columns, by key, in this order (e.g. login,status,last_login_at): tables, piped text and csv. The keys are the csv and piped headers')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json); strings print raw, other values as compact JSON, one result per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colors (also NO_COLOR=1)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Times in tables in UTC rather than the system''s zone (also TZ=UTC)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail: request ids and HTTP status on stderr (-vv: debug logs). Never shows a secret')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER= or PAGER=cat)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'millectl;server;config;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check every key and value of a config file; prints `FILE: ok`, or the first problem (exit 7)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;server;config;help;check' {
            break
        }
        'millectl;server;config;help;help' {
            break
        }
        'millectl;server;help' {
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'Manage HelpDesk operators directly in the database (bootstrap)')
            [CompletionResult]::new('init-pepper', 'init-pepper', [CompletionResultType]::ParameterValue, 'Write a new random pepper to a file (mode 0600)')
            [CompletionResult]::new('mask-key', 'mask-key', [CompletionResultType]::ParameterValue, 'Manage the masked-password key in a PKCS#11 token')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy an SQLite database to OUT, consistently, while the server runs')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put a backup back as the SQLite database; stop the server first')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Check a config file (`server --config FILE`) without starting the server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;server;help;operator' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an operator; prints the temporary password and token seed once')
            [CompletionResult]::new('unblock', 'unblock', [CompletionResultType]::ParameterValue, 'Give a locked-out operator three more attempts with the current password')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Start an operator over: new temporary password and token seed, printed once')
            break
        }
        'millectl;server;help;operator;add' {
            break
        }
        'millectl;server;help;operator;unblock' {
            break
        }
        'millectl;server;help;operator;reset' {
            break
        }
        'millectl;server;help;init-pepper' {
            break
        }
        'millectl;server;help;mask-key' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new HMAC key inside the token (never extractable); prints its id')
            break
        }
        'millectl;server;help;mask-key;generate' {
            break
        }
        'millectl;server;help;backup' {
            break
        }
        'millectl;server;help;restore' {
            break
        }
        'millectl;server;help;config' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check every key and value of a config file; prints `FILE: ok`, or the first problem (exit 7)')
            break
        }
        'millectl;server;help;config;check' {
            break
        }
        'millectl;server;help;help' {
            break
        }
        'millectl;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in (interactive, or --password-stdin/--with-token for scripts)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the stored session (and end it on the server)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Who the current session or token belongs to')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Show and list users; require a new password of one')
            [CompletionResult]::new('unblock', 'unblock', [CompletionResultType]::ParameterValue, 'Unblock a user: three more attempts, or the right to set a new password')
            [CompletionResult]::new('phone', 'phone', [CompletionResultType]::ParameterValue, 'Set users'' mobile numbers for SMS codes')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another operator''s request that waits for a second operator')
            [CompletionResult]::new('approvals', 'approvals', [CompletionResultType]::ParameterValue, 'The requests waiting for a second operator (maker–checker)')
            [CompletionResult]::new('envelope', 'envelope', [CompletionResultType]::ParameterValue, 'Back-office: a one-time access password for a sealed envelope, printed once')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Hardware tokens: load the inventory, assign by serial, withdraw')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Read and change the config file (server per profile)')
            [CompletionResult]::new('api-token', 'api-token', [CompletionResultType]::ParameterValue, 'API tokens for batch scripts (operators)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit trail: who did what to whom, newest first')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script of millectl')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page of millectl or of one of its commands')
            [CompletionResult]::new('generate-assets', 'generate-assets', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ (what scripts/generate-assets.sh runs)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through the helpdesk job against a throw-away server started in-process')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the auth API (SQLite by default, PostgreSQL for several replicas)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'millectl;help;login' {
            break
        }
        'millectl;help;logout' {
            break
        }
        'millectl;help;whoami' {
            break
        }
        'millectl;help;user' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user: status, attempts, authorization tool, phone (masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users of a company, filtered')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Find users across companies (a co-user: in their own) by login, name, the phone''s last digits or MilleKod')
            [CompletionResult]::new('require-password-change', 'require-password-change', [CompletionResultType]::ParameterValue, 'Make a user set a new password at their next login (e.g. one stored under an old scheme): a one-time access password goes by SMS (without a mobile number, in an envelope from back-office) and their sessions end. For an active or blocked user with a mobile number or a token')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Block a user on purpose (lost token, suspected fraud, left the company), with a reason: their sessions end and every login is refused until HelpDesk releases it. No unblock lifts it. HelpDesk only')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Lift a suspension: the user returns to the status they were suspended from (a blocked user stays blocked until unblocked). HelpDesk only')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Send a fresh one-time access password by SMS to users awaiting a new password or a first login (the old one stops working); at most 3 per user per hour')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Why is this user blocked: their login attempts (when, from where, which factor failed, attempts left) and every administrative action on them, newest first')
            break
        }
        'millectl;help;user;show' {
            break
        }
        'millectl;help;user;list' {
            break
        }
        'millectl;help;user;find' {
            break
        }
        'millectl;help;user;require-password-change' {
            break
        }
        'millectl;help;user;suspend' {
            break
        }
        'millectl;help;user;release' {
            break
        }
        'millectl;help;user;resend' {
            break
        }
        'millectl;help;user;history' {
            break
        }
        'millectl;help;unblock' {
            [CompletionResult]::new('current-password', 'current-password', [CompletionResultType]::ParameterValue, 'The user remembers the password: grant three more attempts with it')
            [CompletionResult]::new('new-password', 'new-password', [CompletionResultType]::ParameterValue, 'The user forgot it: a one-time access password goes by SMS (or, without a mobile number, in an envelope from back-office) and the next login sets a new password (needs a registered mobile number or a token)')
            break
        }
        'millectl;help;unblock;current-password' {
            break
        }
        'millectl;help;unblock;new-password' {
            break
        }
        'millectl;help;phone' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a user''s mobile number, as people type it: "601 234 567", "+48601234567", "0048 601-234-567" (default region PL)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Change many users'' numbers from a CSV file (millekod,login,phone[,expected_phone]), in chunks, resumable after an interruption: run the same command again')
            break
        }
        'millectl;help;phone;set' {
            break
        }
        'millectl;help;phone;import' {
            break
        }
        'millectl;help;approve' {
            break
        }
        'millectl;help;approvals' {
            break
        }
        'millectl;help;envelope' {
            break
        }
        'millectl;help;token' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted until the server opens them with its transport key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Serials available for assignment')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Give a user the token with this serial; their codes then come from it')
            [CompletionResult]::new('withdraw', 'withdraw', [CompletionResultType]::ParameterValue, 'Take a user''s token away for good; with a mobile number they get SMS codes')
            break
        }
        'millectl;help;token;load' {
            break
        }
        'millectl;help;token;list' {
            break
        }
        'millectl;help;token;assign' {
            break
        }
        'millectl;help;token;withdraw' {
            break
        }
        'millectl;help;config' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a value of the current profile (`server`); creates the profile')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the current profile: server, its session and whether the server still accepts it, config path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles: server, stored session, which one is current')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile still override it)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a profile: its settings and its stored session (ended on the server). The current profile is refused: `config use` another one first')
            break
        }
        'millectl;help;config;set' {
            break
        }
        'millectl;help;config;show' {
            break
        }
        'millectl;help;config;list' {
            break
        }
        'millectl;help;config;use' {
            break
        }
        'millectl;help;config;delete' {
            break
        }
        'millectl;help;api-token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a batch script; prints it once (it is never shown again)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the API tokens, revoked ones included')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once; scripts using it get "not authenticated"')
            break
        }
        'millectl;help;api-token;create' {
            break
        }
        'millectl;help;api-token;list' {
            break
        }
        'millectl;help;api-token;revoke' {
            break
        }
        'millectl;help;audit' {
            break
        }
        'millectl;help;completions' {
            break
        }
        'millectl;help;man' {
            break
        }
        'millectl;help;generate-assets' {
            break
        }
        'millectl;help;demo' {
            break
        }
        'millectl;help;server' {
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'Manage HelpDesk operators directly in the database (bootstrap)')
            [CompletionResult]::new('init-pepper', 'init-pepper', [CompletionResultType]::ParameterValue, 'Write a new random pepper to a file (mode 0600)')
            [CompletionResult]::new('mask-key', 'mask-key', [CompletionResultType]::ParameterValue, 'Manage the masked-password key in a PKCS#11 token')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy an SQLite database to OUT, consistently, while the server runs')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put a backup back as the SQLite database; stop the server first')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Check a config file (`server --config FILE`) without starting the server')
            break
        }
        'millectl;help;server;operator' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an operator; prints the temporary password and token seed once')
            [CompletionResult]::new('unblock', 'unblock', [CompletionResultType]::ParameterValue, 'Give a locked-out operator three more attempts with the current password')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Start an operator over: new temporary password and token seed, printed once')
            break
        }
        'millectl;help;server;operator;add' {
            break
        }
        'millectl;help;server;operator;unblock' {
            break
        }
        'millectl;help;server;operator;reset' {
            break
        }
        'millectl;help;server;init-pepper' {
            break
        }
        'millectl;help;server;mask-key' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new HMAC key inside the token (never extractable); prints its id')
            break
        }
        'millectl;help;server;mask-key;generate' {
            break
        }
        'millectl;help;server;backup' {
            break
        }
        'millectl;help;server;restore' {
            break
        }
        'millectl;help;server;config' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check every key and value of a config file; prints `FILE: ok`, or the first problem (exit 7)')
            break
        }
        'millectl;help;server;config;check' {
            break
        }
        'millectl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
