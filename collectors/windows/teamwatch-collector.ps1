#Requires -Version 5.1
<#
.SYNOPSIS
    teamwatch collector for Hyper-V hosts: posts one host bundle (teamwatch.bundle/1) per run.

.DESCRIPTION
    Gathers the host's NIC teaming and Hyper-V networking inventory (Get-NetAdapter,
    Get-NetLbfoTeam, Get-NetLbfoTeamMember, Get-VMSwitch, Get-VMNetworkAdapter -All, Get-VM,
    Get-VMHost, Get-NetAdapterRdma), its neighbor table (Get-NetNeighbor) and the new records of
    the teaming-related event sources since the last run, and posts them as one JSON bundle to
    <Server>/api/v1/ingest?format=bundle. The bundle format is specified in docs/collectors.md.

    A cmdlet that is missing (no Hyper-V role, no LBFO on a client OS) or fails only leaves its
    part out of the bundle: an absent part means "unknown" to the server, an empty list "none".

    Delivery: three tries with exponential backoff; a bundle that still cannot be delivered is
    spooled to <StateDir>\spool and sent, oldest first, before the next bundle. The per-log event
    bookmark advances only once the bundle carrying those events was accepted or spooled.

    Runs on Windows PowerShell 5.1 and PowerShell 7 (no PowerShell 7-only syntax).

.PARAMETER Server
    teamwatch base URL, e.g. http://teamwatch:8080. Default: "server" from <StateDir>\config.json.
.PARAMETER Token
    Ingest token. Default: the content of <StateDir>\token (readable only by SYSTEM and
    Administrators when written by install-teamwatch-collector.ps1).
.PARAMETER StateDir
    Folder for config, token, bookmarks, spool and log. Default: $env:ProgramData\teamwatch.
.PARAMETER MaxEvents
    Most event records read per log per run (oldest first; the rest follow next run).
.PARAMETER Once
    Collect and send once, then exit (the scheduled task uses this). Without it the collector
    loops every -IntervalSeconds.
#>
[CmdletBinding()]
param(
    [string]$Server,
    [string]$Token,
    [string]$StateDir = (Join-Path $env:ProgramData 'teamwatch'),
    [ValidateRange(1, 100000)][int]$MaxEvents = 2000,
    [switch]$Once,
    [ValidateRange(10, 86400)][int]$IntervalSeconds = 60,
    [ValidateRange(1, 720)][int]$InitialLookbackHours = 24,
    [ValidateRange(1, 100000)][int]$MaxSpoolFiles = 1440
)

# Version 1 only catches unset variables; later versions also throw on absent properties, and cmdlet
# objects differ across Windows builds (EmbeddedTeamingEnabled appears in 2016, for example).
Set-StrictMode -Version 1.0
$ErrorActionPreference = 'Stop'
# Windows PowerShell 5.1 gives arrays an extended Count property that makes ConvertTo-Json write
# some lists as {"value": [...], "Count": n}; removing that type data restores plain JSON arrays.
Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue
$CollectorVersion = '1.0.0'
$BundleSchema = 'teamwatch.bundle/1'
$LogMaxBytes = 1MB
$LogKeep = 3

# BEGIN EVENT SOURCES
# Kept identical to the table "Event sources" in docs/collectors.md (a test compares them).
# Ids empty = every event of those providers. Provider names may use wildcards; each is resolved
# with Get-WinEvent -ListProvider so sources missing on this host are skipped quietly.
$EventSources = @(
    @{ Log = 'System'; Providers = @('Microsoft-Windows-MsLbfoSysEvtProvider', 'MsLbfoSysEvtProvider', 'MsLbfoProvider', 'MsLbfoSys'); Ids = @() },
    @{ Log = 'System'; Providers = @('Microsoft-Windows-NdisImPlatformSysEvtProvider', 'NdisImPlatformSysEvtProvider'); Ids = @() },
    @{ Log = 'System'; Providers = @('VMSMP', 'Microsoft-Windows-Hyper-V-VmSwitch'); Ids = @() },
    @{ Log = 'System'; Providers = @('e1*express', 'e1i*', 'e2f*', 'e1g6032e', 'b57nd60a', 'evbda', 'qevbda', 'mlx4_bus'); Ids = @() },
    @{ Log = 'System'; Providers = @('Tcpip'); Ids = @(4198, 4199) },
    @{ Log = 'System'; Providers = @('Microsoft-Windows-FailoverClustering'); Ids = @(1125, 1126, 1127, 1129, 1130, 1135, 1553, 1554) },
    @{ Log = 'Microsoft-Windows-Hyper-V-Worker-Admin'; Providers = @('Microsoft-Windows-Hyper-V-Worker'); Ids = @() },
    @{ Log = 'Microsoft-Windows-Hyper-V-VMMS-Admin'; Providers = @('Microsoft-Windows-Hyper-V-VMMS'); Ids = @() },
    @{ Log = 'Microsoft-Windows-Hyper-V-High-Availability-Admin'; Providers = @('Microsoft-Windows-Hyper-V-High-Availability'); Ids = @() }
)
# END EVENT SOURCES

# ---------------------------------------------------------------------------------------------
# State files and logging

$LogPath = Join-Path $StateDir 'collector.log'
$BookmarkPath = Join-Path $StateDir 'bookmarks.json'
$SpoolDir = Join-Path $StateDir 'spool'
$RejectedDir = Join-Path $StateDir 'rejected'

function Initialize-StateDir {
    foreach ($dir in @($StateDir, $SpoolDir, $RejectedDir)) {
        if (-not (Test-Path -LiteralPath $dir)) { New-Item -ItemType Directory -Path $dir -Force | Out-Null }
    }
}

function Write-Log {
    param([string]$Message, [string]$Level = 'INFO')
    $line = '{0} {1} {2}' -f (Get-Date).ToUniversalTime().ToString('o'), $Level, $Message
    try {
        if ((Test-Path -LiteralPath $LogPath) -and (Get-Item -LiteralPath $LogPath).Length -gt $LogMaxBytes) {
            for ($i = $LogKeep - 1; $i -ge 1; $i--) {
                $older = "$LogPath.$i"
                if (Test-Path -LiteralPath $older) { Move-Item -LiteralPath $older -Destination "$LogPath.$($i + 1)" -Force }
            }
            Move-Item -LiteralPath $LogPath -Destination "$LogPath.1" -Force
        }
        Add-Content -LiteralPath $LogPath -Value $line -Encoding UTF8
    } catch {
        Write-Verbose "log write failed: $($_.Exception.Message)"
    }
    Write-Verbose $line
}

# Writes through a temporary file and a rename, so a crash never leaves a half-written file.
function Write-FileAtomic {
    param([string]$Path, [byte[]]$Bytes)
    $tmp = "$Path.tmp"
    [System.IO.File]::WriteAllBytes($tmp, $Bytes)
    Move-Item -LiteralPath $tmp -Destination $Path -Force
}

function ConvertTo-Utf8Bytes {
    param([string]$Text)
    return , (New-Object System.Text.UTF8Encoding($false)).GetBytes($Text)
}

function Read-Settings {
    $configPath = Join-Path $StateDir 'config.json'
    if (-not $Server -and (Test-Path -LiteralPath $configPath)) {
        $config = Get-Content -LiteralPath $configPath -Raw | ConvertFrom-Json
        if ($config.server) { $script:Server = [string]$config.server }
    }
    $tokenPath = Join-Path $StateDir 'token'
    if (-not $Token -and (Test-Path -LiteralPath $tokenPath)) {
        $text = Get-Content -LiteralPath $tokenPath -Raw
        if ($text) { $script:Token = $text.Trim() }
    }
    if (-not $Server) { throw "No server: pass -Server or run install-teamwatch-collector.ps1 (it writes $configPath)." }
    $script:Server = $Server.TrimEnd('/')
}

# ---------------------------------------------------------------------------------------------
# Inventory. Each part is one projection: enums become their names ("$($_.TeamingMode)") so the
# bundle does not depend on how ConvertTo-Json writes CIM enums, and lists are forced to arrays.

# Runs a part's script block; returns the rows as an array (possibly empty), or $null when the
# cmdlet is missing or failed, so the part is left out of the bundle (unknown).
function Get-Part {
    param([string]$Name, [string]$Cmdlet, [scriptblock]$Block)
    if (-not (Get-Command $Cmdlet -ErrorAction SilentlyContinue)) {
        Write-Log "part $Name skipped: $Cmdlet is not available on this host"
        return $null
    }
    try {
        $rows = @(& $Block)
        return , $rows
    } catch {
        Write-Log "part $Name skipped: $($_.Exception.Message)" 'WARN'
        return $null
    }
}

function Get-Inventory {
    $inventory = [ordered]@{}
    $parts = [ordered]@{
        netAdapters       = @('Get-NetAdapter', {
                Get-NetAdapter -ErrorAction Stop | Select-Object Name, InterfaceDescription, ifIndex,
                @{ n = 'Status'; e = { "$($_.Status)" } }, MacAddress, LinkSpeed,
                @{ n = 'ReceiveLinkSpeed'; e = { [uint64]$_.ReceiveLinkSpeed } },
                @{ n = 'TransmitLinkSpeed'; e = { [uint64]$_.TransmitLinkSpeed } }
            })
        lbfoTeams         = @('Get-NetLbfoTeam', {
                Get-NetLbfoTeam -ErrorAction Stop | Select-Object Name,
                @{ n = 'Members'; e = { , @($_.Members | ForEach-Object { "$_" }) } },
                @{ n = 'TeamNics'; e = { , @($_.TeamNics | ForEach-Object { "$_" }) } },
                @{ n = 'TeamingMode'; e = { "$($_.TeamingMode)" } },
                @{ n = 'LoadBalancingAlgorithm'; e = { "$($_.LoadBalancingAlgorithm)" } },
                @{ n = 'Status'; e = { "$($_.Status)" } }
            })
        lbfoTeamMembers   = @('Get-NetLbfoTeamMember', {
                Get-NetLbfoTeamMember -ErrorAction Stop | Select-Object Name, InterfaceDescription, Team,
                @{ n = 'AdministrativeMode'; e = { "$($_.AdministrativeMode)" } },
                @{ n = 'OperationalStatus'; e = { if ($_.PSObject.Properties['OperationalStatus']) { "$($_.OperationalStatus)" } else { "$($_.OperationalMode)" } } },
                @{ n = 'TransmitLinkSpeed'; e = { [uint64]$_.TransmitLinkSpeed } },
                @{ n = 'ReceiveLinkSpeed'; e = { [uint64]$_.ReceiveLinkSpeed } },
                @{ n = 'FailureReason'; e = { "$($_.FailureReason)" } }
            })
        vmSwitches        = @('Get-VMSwitch', {
                Get-VMSwitch -ErrorAction Stop | Select-Object Name,
                @{ n = 'Id'; e = { "$($_.Id)" } },
                @{ n = 'SwitchType'; e = { "$($_.SwitchType)" } },
                NetAdapterInterfaceDescription,
                @{ n = 'NetAdapterInterfaceDescriptions'; e = { , @($_.NetAdapterInterfaceDescriptions | ForEach-Object { "$_" }) } },
                EmbeddedTeamingEnabled, AllowManagementOS, IovEnabled
            })
        vmNetworkAdapters = @('Get-VMNetworkAdapter', {
                Get-VMNetworkAdapter -All -ErrorAction Stop | Select-Object Name, IsManagementOs, VMName,
                @{ n = 'VMId'; e = { "$($_.VMId)" } },
                SwitchName, MacAddress, DynamicMacAddressEnabled, Connected,
                @{ n = 'Status'; e = { , @($_.Status | ForEach-Object { "$_" }) } },
                @{ n = 'IPAddresses'; e = { , @($_.IPAddresses | ForEach-Object { "$_" }) } },
                @{ n = 'AllowTeaming'; e = { "$($_.AllowTeaming)" } },
                @{ n = 'MacAddressSpoofing'; e = { "$($_.MacAddressSpoofing)" } },
                IovWeight
            })
        vms               = @('Get-VM', {
                Get-VM -ErrorAction Stop | Select-Object Name,
                @{ n = 'Id'; e = { "$($_.Id)" } },
                @{ n = 'State'; e = { "$($_.State)" } }
            })
        netAdapterRdma    = @('Get-NetAdapterRdma', {
                Get-NetAdapterRdma -ErrorAction Stop | Select-Object Name, @{ n = 'Enabled'; e = { [bool]$_.Enabled } }
            })
    }
    foreach ($name in $parts.Keys) {
        $rows = Get-Part -Name $name -Cmdlet $parts[$name][0] -Block $parts[$name][1]
        if ($null -ne $rows) { $inventory[$name] = $rows }
    }
    if (Get-Command Get-VMHost -ErrorAction SilentlyContinue) {
        try {
            $inventory['vmHost'] = Get-VMHost -ErrorAction Stop | Select-Object MacAddressMinimum, MacAddressMaximum
        } catch {
            Write-Log "part vmHost skipped: $($_.Exception.Message)" 'WARN'
        }
    }
    return $inventory
}

# Projected per docs/domain.md 3.2 so State and AddressFamily are names, not numbers.
function Get-Neighbors {
    return Get-Part -Name 'neighbors' -Cmdlet 'Get-NetNeighbor' -Block {
        Get-NetNeighbor -ErrorAction Stop | Select-Object IPAddress, InterfaceIndex, InterfaceAlias, LinkLayerAddress,
        @{ n = 'State'; e = { "$($_.State)" } },
        @{ n = 'AddressFamily'; e = { "$($_.AddressFamily)" } }
    }
}

function Get-HostFacts {
    $facts = @{ osName = $null; osBuild = $null; cluster = $null; hostIps = $null }
    try {
        $os = Get-CimInstance -ClassName Win32_OperatingSystem -ErrorAction Stop
        $facts.osName = [string]$os.Caption
        $facts.osBuild = [string]$os.BuildNumber
    } catch { Write-Log "OS facts unavailable: $($_.Exception.Message)" 'WARN' }
    if (Get-Command Get-Cluster -ErrorAction SilentlyContinue) {
        try { $facts.cluster = [string](Get-Cluster -ErrorAction Stop).Name } catch { $facts.cluster = $null }
    }
    try {
        $facts.hostIps = @(Get-NetIPAddress -AddressFamily IPv4 -ErrorAction Stop |
                Where-Object { $_.IPAddress -notlike '127.*' -and $_.IPAddress -notlike '169.254.*' } |
                ForEach-Object { [string]$_.IPAddress })
    } catch { Write-Log "host IPs unavailable: $($_.Exception.Message)" 'WARN' }
    return $facts
}

# ---------------------------------------------------------------------------------------------
# Events. The bookmark per log is the last EventRecordID sent and its time. Get-WinEvent's hash
# filter cannot filter on record IDs, so each query starts a little before the bookmark's time
# and records at or below the bookmark's ID are dropped here.

function Read-Bookmarks {
    $marks = @{}
    if (Test-Path -LiteralPath $BookmarkPath) {
        try {
            $doc = Get-Content -LiteralPath $BookmarkPath -Raw | ConvertFrom-Json
            foreach ($p in $doc.PSObject.Properties) { $marks[$p.Name] = @{ recordId = [long]$p.Value.recordId; time = [string]$p.Value.time } }
        } catch { Write-Log "bookmarks unreadable, starting over: $($_.Exception.Message)" 'WARN' }
    }
    return $marks
}

function Save-Bookmarks {
    param([hashtable]$Marks)
    Write-FileAtomic -Path $BookmarkPath -Bytes (ConvertTo-Utf8Bytes ($Marks | ConvertTo-Json -Depth 3 -Compress))
}

function Resolve-Providers {
    param([string[]]$Names)
    $found = New-Object System.Collections.Generic.List[string]
    foreach ($name in $Names) {
        foreach ($p in @(Get-WinEvent -ListProvider $name -ErrorAction SilentlyContinue)) {
            if (-not $found.Contains($p.Name)) { $found.Add($p.Name) }
        }
    }
    return , $found.ToArray()
}

function Get-NewEvents {
    param([hashtable]$Marks)
    $result = @{ xml = New-Object System.Collections.Generic.List[string]; marks = @{} }
    $logs = @($EventSources | ForEach-Object { $_.Log } | Select-Object -Unique)
    foreach ($log in $logs) {
        if (-not (Get-WinEvent -ListLog $log -ErrorAction SilentlyContinue)) { continue }
        $mark = $Marks[$log]
        if ($mark) { $since = ([datetime]::Parse($mark.time, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)).AddSeconds(-2); $afterId = $mark.recordId }
        else { $since = (Get-Date).AddHours(-$InitialLookbackHours); $afterId = 0 }
        $records = New-Object System.Collections.Generic.List[object]
        # A query that hit -MaxEvents has more records after its last one; nothing newer than that
        # last one may be sent yet, or those unread records would fall behind the bookmark.
        $limit = [long]::MaxValue
        foreach ($source in @($EventSources | Where-Object { $_.Log -eq $log })) {
            $providers = Resolve-Providers $source.Providers
            if ($providers.Count -eq 0) { continue }
            $filter = @{ LogName = $log; ProviderName = $providers; StartTime = $since }
            if ($source.Ids.Count -gt 0) { $filter['Id'] = $source.Ids }
            try {
                $found = @(Get-WinEvent -FilterHashtable $filter -Oldest -MaxEvents $MaxEvents -ErrorAction Stop)
                foreach ($e in $found) {
                    if ($e.RecordId -gt $afterId) { $records.Add($e) }
                }
                if ($found.Count -ge $MaxEvents) {
                    $lastId = [long]($found | Measure-Object -Property RecordId -Maximum).Maximum
                    if ($lastId -lt $limit) { $limit = $lastId }
                }
            } catch {
                if ($_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') {
                    Write-Log "events from $log ($($providers -join ', ')) skipped: $($_.Exception.Message)" 'WARN'
                }
            }
        }
        $picked = @($records | Where-Object { $_.RecordId -le $limit } | Sort-Object RecordId -Unique | Select-Object -First $MaxEvents)
        foreach ($e in $picked) { $result.xml.Add($e.ToXml()) }
        if ($picked.Count -gt 0) {
            $last = $picked[$picked.Count - 1]
            $result.marks[$log] = @{ recordId = [long]$last.RecordId; time = $last.TimeCreated.ToUniversalTime().ToString('o') }
        }
    }
    return $result
}

# ---------------------------------------------------------------------------------------------
# Delivery

# Returns 'accepted', 'refused' (a 4xx the server will never accept: kept aside in rejected\) or
# 'failed' (network, 5xx, 401/403, 408, 429: worth retrying later).
function Send-Bundle {
    param([byte[]]$Bytes, [int]$Tries = 3)
    $uri = "$Server/api/v1/ingest?format=bundle"
    $headers = @{}
    if ($Token) { $headers['Authorization'] = "Bearer $Token" }
    $delay = 2
    for ($try = 1; $try -le $Tries; $try++) {
        try {
            $answer = Invoke-RestMethod -Uri $uri -Method Post -Body $Bytes -ContentType 'application/json; charset=utf-8' -Headers $headers -TimeoutSec 60
            Write-Log ("bundle accepted: {0} accepted, {1} duplicates, {2} rejected" -f $answer.accepted, $answer.duplicates, @($answer.rejected).Count)
            return 'accepted'
        } catch {
            $status = 0
            if ($_.Exception.PSObject.Properties['Response'] -and $_.Exception.Response) { $status = [int]$_.Exception.Response.StatusCode }
            Write-Log "send try $try of $Tries failed (status $status): $($_.Exception.Message)" 'WARN'
            if ($status -ge 400 -and $status -lt 500 -and @(401, 403, 408, 429) -notcontains $status) { return 'refused' }
            if ($try -lt $Tries) { Start-Sleep -Seconds $delay; $delay = $delay * 2 }
        }
    }
    return 'failed'
}

function Save-Aside {
    param([byte[]]$Bytes, [string]$Dir, [int]$Keep)
    $name = '{0}.json' -f (Get-Date).ToUniversalTime().ToString('yyyyMMddTHHmmssfffZ')
    Write-FileAtomic -Path (Join-Path $Dir $name) -Bytes $Bytes
    $files = @(Get-ChildItem -LiteralPath $Dir -Filter '*.json' | Sort-Object Name)
    if ($files.Count -gt $Keep) {
        $files | Select-Object -First ($files.Count - $Keep) | ForEach-Object {
            Write-Log "dropping $($_.Name) from $Dir (more than $Keep kept)" 'WARN'
            Remove-Item -LiteralPath $_.FullName -Force
        }
    }
}

# Sends spooled bundles oldest first; stops at the first that fails, so order is kept.
function Send-Spool {
    foreach ($file in @(Get-ChildItem -LiteralPath $SpoolDir -Filter '*.json' | Sort-Object Name)) {
        $outcome = Send-Bundle -Bytes ([System.IO.File]::ReadAllBytes($file.FullName)) -Tries 1
        if ($outcome -eq 'failed') { return $false }
        if ($outcome -eq 'refused') { Move-Item -LiteralPath $file.FullName -Destination (Join-Path $RejectedDir $file.Name) -Force }
        else { Remove-Item -LiteralPath $file.FullName -Force }
    }
    return $true
}

function Invoke-CollectorRun {
    $marks = Read-Bookmarks
    $facts = Get-HostFacts
    $events = Get-NewEvents -Marks $marks
    $bundle = [ordered]@{
        schema      = $BundleSchema
        host        = $env:COMPUTERNAME
        collectedAt = (Get-Date).ToUniversalTime().ToString('o')
        collector   = [ordered]@{ version = $CollectorVersion; osName = $facts.osName; osBuild = $facts.osBuild }
    }
    if ($facts.cluster) { $bundle['cluster'] = $facts.cluster }
    if ($null -ne $facts.hostIps) { $bundle['hostIps'] = $facts.hostIps }
    $bundle['inventory'] = Get-Inventory
    $neighbors = Get-Neighbors
    if ($null -ne $neighbors) { $bundle['neighbors'] = $neighbors }
    $bundle['events'] = $events.xml.ToArray()
    $bytes = ConvertTo-Utf8Bytes ($bundle | ConvertTo-Json -Depth 6 -Compress)

    $spoolClear = Send-Spool
    $outcome = 'failed'
    if ($spoolClear) { $outcome = Send-Bundle -Bytes $bytes }
    if ($outcome -eq 'failed') {
        Save-Aside -Bytes $bytes -Dir $SpoolDir -Keep $MaxSpoolFiles
        Write-Log "bundle spooled ($($bytes.Length) bytes, $($events.xml.Count) events)" 'WARN'
    } elseif ($outcome -eq 'refused') {
        Save-Aside -Bytes $bytes -Dir $RejectedDir -Keep 20
        Write-Log "bundle refused by the server; kept in $RejectedDir" 'ERROR'
    }
    # Accepted, spooled or set aside: either way these events are handled, so the bookmark moves.
    foreach ($log in $events.marks.Keys) { $marks[$log] = $events.marks[$log] }
    Save-Bookmarks -Marks $marks
}

# ---------------------------------------------------------------------------------------------
# Main

Initialize-StateDir
if ([Net.ServicePointManager]::SecurityProtocol -ne 0) {
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
}
$mutex = New-Object System.Threading.Mutex($false, 'Global\teamwatch-collector')
try {
    $owned = $mutex.WaitOne(0)
} catch [System.Threading.AbandonedMutexException] {
    # A previous run died holding the mutex; it is ours now.
    $owned = $true
}
if (-not $owned) {
    Write-Log 'another collector run is still going; this one exits' 'WARN'
    exit 0
}
try {
    Read-Settings
    do {
        try {
            Invoke-CollectorRun
        } catch {
            Write-Log "run failed: $($_.Exception.Message) at $($_.InvocationInfo.PositionMessage)" 'ERROR'
            if ($Once) { exit 1 }
        }
        if (-not $Once) { Start-Sleep -Seconds $IntervalSeconds }
    } while (-not $Once)
} finally {
    $mutex.ReleaseMutex()
    $mutex.Dispose()
}
