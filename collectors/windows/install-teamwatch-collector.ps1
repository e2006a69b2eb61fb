#Requires -Version 5.1
<#
.SYNOPSIS
    Installs (or with -Uninstall removes) the teamwatch collector as a scheduled task.

.DESCRIPTION
    Copies teamwatch-collector.ps1 (from the folder this script is in) to -InstallDir, writes the
    server URL to <StateDir>\config.json and the ingest token to <StateDir>\token, locks
    <StateDir> down so only SYSTEM and the local Administrators group can read it (the token and
    spooled bundles live there), and registers the task "teamwatch collector" that runs the
    collector as SYSTEM every -IntervalSeconds (Task Scheduler's smallest repetition is 60 s).

    Run from an elevated Windows PowerShell 5.1 (or PowerShell 7) prompt:
        .\install-teamwatch-collector.ps1 -Server http://teamwatch:8080 -Token <token>
    Without -Token you are asked for it (input hidden). Uninstall:
        .\install-teamwatch-collector.ps1 -Uninstall [-RemoveState]

.PARAMETER Server
    teamwatch base URL, e.g. http://teamwatch:8080 or https://teamwatch.corp.example.
.PARAMETER Token
    Ingest token (TEAMWATCH_INGEST_TOKENS on the server).
.PARAMETER IntervalSeconds
    How often the task runs; at least 60.
.PARAMETER Uninstall
    Removes the task and the installed script. State (token, bookmarks, spool, log) is kept
    unless -RemoveState is also given.
#>
[CmdletBinding()]
param(
    [string]$Server,
    [string]$Token,
    [ValidateRange(60, 86400)][int]$IntervalSeconds = 60,
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'teamwatch'),
    [string]$StateDir = (Join-Path $env:ProgramData 'teamwatch'),
    [string]$TaskName = 'teamwatch collector',
    [ValidateRange(1, 100000)][int]$MaxEvents = 2000,
    [switch]$Uninstall,
    [switch]$RemoveState
)

Set-StrictMode -Version 1.0
$ErrorActionPreference = 'Stop'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this script from an elevated PowerShell prompt (Run as administrator).'
}

# SIDs rather than names, so the ACL is right on every display language.
$SystemSid = New-Object Security.Principal.SecurityIdentifier('S-1-5-18')
$AdminsSid = New-Object Security.Principal.SecurityIdentifier('S-1-5-32-544')

function Write-Step {
    param([string]$Message)
    Write-Host "teamwatch: $Message"
}

function Set-PrivateAcl {
    param([string]$Path)
    $isDir = Test-Path -LiteralPath $Path -PathType Container
    if ($isDir) {
        $acl = New-Object Security.AccessControl.DirectorySecurity
        $inherit = [Security.AccessControl.InheritanceFlags]'ContainerInherit, ObjectInherit'
    } else {
        $acl = New-Object Security.AccessControl.FileSecurity
        $inherit = [Security.AccessControl.InheritanceFlags]'None'
    }
    # Protected: inherited entries (Users: Read on ProgramData) are removed, not copied.
    $acl.SetAccessRuleProtection($true, $false)
    foreach ($sid in @($SystemSid, $AdminsSid)) {
        $rule = New-Object Security.AccessControl.FileSystemAccessRule($sid, 'FullControl', $inherit, 'None', 'Allow')
        $acl.AddAccessRule($rule)
    }
    Set-Acl -LiteralPath $Path -AclObject $acl
}

function Write-Utf8File {
    param([string]$Path, [string]$Text)
    [IO.File]::WriteAllText($Path, $Text, (New-Object Text.UTF8Encoding($false)))
}

if ($Uninstall) {
    if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) {
        Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
        Write-Step "removed scheduled task '$TaskName'"
    }
    if (Test-Path -LiteralPath $InstallDir) {
        Remove-Item -LiteralPath $InstallDir -Recurse -Force
        Write-Step "removed $InstallDir"
    }
    if ($RemoveState -and (Test-Path -LiteralPath $StateDir)) {
        Remove-Item -LiteralPath $StateDir -Recurse -Force
        Write-Step "removed $StateDir (token, bookmarks, spool, log)"
    }
    return
}

if (-not $Server) { throw 'Pass -Server <URL> (e.g. http://teamwatch:8080).' }
$uri = $null
if (-not [Uri]::TryCreate($Server, [UriKind]::Absolute, [ref]$uri) -or @('http', 'https') -notcontains $uri.Scheme) {
    throw "-Server must be an http:// or https:// URL (got '$Server')."
}
if (-not $Token) {
    $secure = Read-Host -Prompt 'teamwatch ingest token' -AsSecureString
    $bstr = [Runtime.InteropServices.Marshal]::SecureStringToBSTR($secure)
    try { $Token = [Runtime.InteropServices.Marshal]::PtrToStringBSTR($bstr) } finally { [Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr) }
}
if (-not $Token) { throw 'An ingest token is required.' }

$source = Join-Path $PSScriptRoot 'teamwatch-collector.ps1'
if (-not (Test-Path -LiteralPath $source)) { throw "teamwatch-collector.ps1 must be next to this script ($source not found)." }

foreach ($dir in @($InstallDir, $StateDir)) {
    if (-not (Test-Path -LiteralPath $dir)) { New-Item -ItemType Directory -Path $dir -Force | Out-Null }
}
$collector = Join-Path $InstallDir 'teamwatch-collector.ps1'
Copy-Item -LiteralPath $source -Destination $collector -Force
Write-Step "installed $collector"

# The state folder is locked first, so the token is never readable by others, even briefly.
Set-PrivateAcl -Path $StateDir
Write-Utf8File -Path (Join-Path $StateDir 'config.json') -Text (@{ server = $Server.TrimEnd('/') } | ConvertTo-Json -Compress)
$tokenPath = Join-Path $StateDir 'token'
Write-Utf8File -Path $tokenPath -Text $Token
Set-PrivateAcl -Path $tokenPath
Write-Step "stored server URL and token in $StateDir (readable by SYSTEM and Administrators only)"

$arguments = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "{0}" -Once -StateDir "{1}" -MaxEvents {2}' -f $collector, $StateDir, $MaxEvents
# Windows PowerShell, which every host has, even when this installer runs under PowerShell 7.
$powershell = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
$action = New-ScheduledTaskAction -Execute $powershell -Argument $arguments
$interval = New-TimeSpan -Seconds $IntervalSeconds
$start = (Get-Date).AddMinutes(1)
try {
    # Windows Server 2016 and later repeat forever when no duration is given.
    $repeat = New-ScheduledTaskTrigger -Once -At $start -RepetitionInterval $interval
} catch {
    # Windows Server 2012 R2 insists on a duration; ten years is "forever" for this purpose.
    $repeat = New-ScheduledTaskTrigger -Once -At $start -RepetitionInterval $interval -RepetitionDuration (New-TimeSpan -Days 3650)
}
$boot = New-ScheduledTaskTrigger -AtStartup
$taskPrincipal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
$settings = New-ScheduledTaskSettingsSet -MultipleInstances IgnoreNew -StartWhenAvailable -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -ExecutionTimeLimit (New-TimeSpan -Minutes 10)
Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger @($repeat, $boot) -Principal $taskPrincipal -Settings $settings -Description 'Posts NIC teaming and Hyper-V networking state to teamwatch.' -Force | Out-Null
Write-Step "registered scheduled task '$TaskName' (SYSTEM, every $IntervalSeconds s)"
Start-ScheduledTask -TaskName $TaskName
Write-Step "first run started; see $(Join-Path $StateDir 'collector.log')"
