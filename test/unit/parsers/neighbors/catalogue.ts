/**
 * Every third-party ARP/neighbor fixture this suite covers, with its parser, and the folders they
 * live in with how many input files each holds — so a fixture added upstream cannot be skipped
 * silently (see coverage.test.ts).
 */
export interface FixtureCase {
  /** Input path relative to shared/fixtures/external. */
  input: string;
  format: string;
}

const ntc = (dir: string, name: string, format: string): FixtureCase => ({ input: `ntc-templates/${dir}/${name}.raw`, format });
const napalm = (driver: string, scenario: string, file: string, format: string): FixtureCase => ({
  input: `napalm/${driver}/mocked_data/test_get_arp_table/${scenario}/${file}`,
  format,
});

export const NTC_CASES: FixtureCase[] = [
  ntc('cisco_ios/show_ip_arp', 'cisco_ios_show_ip_arp', 'cisco-ios-arp'),
  ntc('cisco_ios/show_arp', 'cisco_ios_show_arp', 'cisco-ios-arp'),
  ntc('cisco_xr/show_arp', 'cisco_xr_show_arp2', 'cisco-ios-arp'),
  ntc('cisco_nxos/show_ip_arp', 'cisco_nxos_show_ip_arp', 'cisco-nxos-arp'),
  ntc('cisco_nxos/show_ip_arp_detail', 'cisco_nxos_show_ip_arp_detail', 'cisco-nxos-arp'),
  ntc('cisco_nxos/show_ip_arp_detail', 'cisco_nxos_show_ip_arp_detail_flags', 'cisco-nxos-arp'),
  ntc('arista_eos/show_ip_arp', 'arista_eos_show_ip_arp', 'arista-arp'),
  ntc('arista_eos/show_ip_arp', 'arista_eos_show_ip_arp1', 'arista-arp'),
  ntc('juniper_junos/show_arp_no-resolve', 'juniper_junos_show_arp_no-resolve', 'juniper-arp'),
  ntc('linux/arp_-a', 'linux_arp_a', 'unix-arp'),
];

export const NAPALM_CASES: FixtureCase[] = [
  napalm('ios', 'normal', 'show_arp___exclude_Incomplete.txt', 'cisco-ios-arp'),
  napalm('ios', 'static_arp_entry', 'show_arp___exclude_Incomplete.txt', 'cisco-ios-arp'),
  napalm('nxos_ssh', 'fhrp_entries', 'show_ip_arp_vrf_all___exc_INCOMPLETE.txt', 'cisco-nxos-arp'),
  napalm('nxos_ssh', 'normal', 'show_ip_arp_vrf_all___exc_INCOMPLETE.txt', 'cisco-nxos-arp'),
  napalm('nxos_ssh', 'sub_second_entry', 'show_ip_arp_vrf_all___exc_INCOMPLETE.txt', 'cisco-nxos-arp'),
  napalm('eos', 'normal', 'show_arp_vrf_all.json', 'arista-arp-json'),
  napalm('junos', 'normal', 'get-arp-table-information.xml', 'juniper-arp-xml'),
];

export const JC_CASES: FixtureCase[] = [
  'aix-7.1/arp-a.out',
  'centos-7.7/arp-a.out',
  'centos-7.7/arp-v.out',
  'centos-7.7/arp.out',
  'centos-8/arp-a.out',
  'freebsd12/arp-a.out',
  'linux-proc/net_arp',
  'osx-10.11.6/arp-a.out',
  'osx-10.14.6/arp-a.out',
  'osx-10.14.6/arp-a2.out',
  'ubuntu-18.04/arp-a.out',
  'ubuntu-18.04/arp-v.out',
  'ubuntu-18.04/arp.out',
].map((f) => ({ input: `jc/${f}`, format: 'unix-arp' }));

export const GETMAC_CASES: FixtureCase[] = [
  { input: 'getmac/windows_10/arp_-a.out', format: 'windows-arp' },
  { input: 'getmac/windows_10/arp_-a_10.0.0.175.out', format: 'windows-arp' },
  { input: 'getmac/windows_10/netsh_int_ipv4_show_neigh.out', format: 'netsh-neighbors' },
  { input: 'getmac/windows_10/netsh_int_ipv6_show_neigh.out', format: 'netsh-neighbors' },
  { input: 'getmac/ubuntu_18.04/ip_neighbor_show.out', format: 'ip-neigh' },
  { input: 'getmac/ubuntu_18.04/ip_neighbor_show_192-168-16-2.out', format: 'ip-neigh' },
  { input: 'getmac/android_6/ip_neighbor.out', format: 'ip-neigh' },
  { input: 'getmac/android_9/ip_neighbor.out', format: 'ip-neigh' },
  { input: 'getmac/ubuntu_18.04/arp_-a.out', format: 'unix-arp' },
  { input: 'getmac/ubuntu_18.04/arp_-an.out', format: 'unix-arp' },
  { input: 'getmac/ubuntu_18.04/cat_proc-net-arp.out', format: 'unix-arp' },
  { input: 'getmac/freebsd11/arp_-a.out', format: 'unix-arp' },
  { input: 'getmac/openbsd_6/arp_an.out', format: 'unix-arp' },
  { input: 'getmac/solaris10/arp_-a.out', format: 'unix-arp' },
  { input: 'getmac/macos_10.12.6/arp_-an.out', format: 'unix-arp' },
];

/** Our own captures under test/fixtures/neighbors (bytes; decode with decodeText). */
export const OWN_CASES: FixtureCase[] = [
  { input: 'windows-arp-utf16le.txt', format: 'windows-arp' },
  { input: 'windows-arp-de.txt', format: 'windows-arp' },
  { input: 'windows-arp-fr.txt', format: 'windows-arp' },
  { input: 'windows-arp-es.txt', format: 'windows-arp' },
  { input: 'windows-arp-ptbr-cp850.txt', format: 'windows-arp' },
  { input: 'windows-arp-invalid.txt', format: 'windows-arp' },
  { input: 'get-netneighbor-object.json', format: 'get-netneighbor' },
  { input: 'get-netneighbor-array.json', format: 'get-netneighbor' },
  { input: 'get-netneighbor-compress.json', format: 'get-netneighbor' },
  { input: 'get-netneighbor-invalid.json', format: 'get-netneighbor' },
  { input: 'ip-neigh.json', format: 'ip-neigh-json' },
  { input: 'ip-neigh-stats.txt', format: 'ip-neigh' },
];

export interface FolderSpec {
  folder: string;
  /** Which file names in the folder are ARP/neighbor inputs. */
  inputs: RegExp;
  /** Files in the folder that match `inputs` but are other formats, covered elsewhere. */
  notOurs?: RegExp;
  count: number;
}

export const FOLDERS: FolderSpec[] = [
  { folder: 'ntc-templates/cisco_ios/show_ip_arp', inputs: /\.raw$/, count: 1 },
  { folder: 'ntc-templates/cisco_ios/show_arp', inputs: /\.raw$/, count: 1 },
  { folder: 'ntc-templates/cisco_xr/show_arp', inputs: /\.raw$/, count: 1 },
  { folder: 'ntc-templates/cisco_nxos/show_ip_arp', inputs: /\.raw$/, count: 1 },
  { folder: 'ntc-templates/cisco_nxos/show_ip_arp_detail', inputs: /\.raw$/, count: 2 },
  { folder: 'ntc-templates/arista_eos/show_ip_arp', inputs: /\.raw$/, count: 2 },
  { folder: 'ntc-templates/juniper_junos/show_arp_no-resolve', inputs: /\.raw$/, count: 1 },
  { folder: 'ntc-templates/linux/arp_-a', inputs: /\.raw$/, count: 1 },
  { folder: 'napalm/ios/mocked_data/test_get_arp_table', inputs: /^(?!expected_result\.json$)/, count: 2 },
  { folder: 'napalm/nxos_ssh/mocked_data/test_get_arp_table', inputs: /^(?!expected_result\.json$)/, count: 3 },
  { folder: 'napalm/eos/mocked_data/test_get_arp_table', inputs: /^(?!expected_result\.json$)/, count: 1 },
  { folder: 'napalm/junos/mocked_data/test_get_arp_table', inputs: /^(?!expected_result\.json$)/, count: 1 },
  { folder: 'jc', inputs: /^(arp.*\.out|net_arp)$/, count: 13 },
  { folder: 'getmac', inputs: /\.out$/, notOurs: /windows_10\/(getmac|ipconfig-all)\.out$/, count: 15 },
];

export const ALL_EXTERNAL: FixtureCase[] = [...NTC_CASES, ...NAPALM_CASES, ...JC_CASES, ...GETMAC_CASES];
