/**
 * The MAC-table fixtures each parser must pass, in one place so the per-parser tests, the
 * coverage counts and the sniffing test all walk the same list. Counts are the rows in the
 * third-party golden files (ntc `parsed_sample`, NAPALM `expected_result.json`).
 */

export const IOS_NTC_DIR = 'ntc-templates/cisco_ios/show_mac-address-table';
export const IOS_NAPALM_DIR = 'napalm/ios/mocked_data/test_get_mac_address_table';
export const NXOS_NTC_DIR = 'ntc-templates/cisco_nxos/show_mac_address-table';
export const NXOS_NAPALM_DIR = 'napalm/nxos_ssh/mocked_data/test_get_mac_address_table';
export const ARISTA_NTC_DIR = 'ntc-templates/arista_eos/show_mac_address-table';
export const EOS_NAPALM_DIR = 'napalm/eos/mocked_data/test_get_mac_address_table';
export const JUNOS_NTC_DIR = 'ntc-templates/juniper_junos/show_ethernet-switching_table';
export const JUNOS_NAPALM_DIR = 'napalm/junos/mocked_data/test_get_mac_address_table';

/** ntc-templates IOS samples: file stem, rows in the golden file, what the layout is. */
export const IOS_NTC: [string, number, string][] = [
  ['cisco_ios_show_mac-address-table', 9, 'old Destination Address layout with count preamble'],
  ['cisco_ios_show_mac-address-table2', 9, '6500 learn/age layout, * flag, Router port'],
  ['cisco_ios_show_mac-address-table3', 9, '4500 protocols layout'],
  ['cisco_ios_show_mac-address-table4', 17, 'modern layout with All/CPU rows'],
  ['cisco_ios_show_mac-address-table5', 10, '6500 DFC per-linecard sections (duplicates kept)'],
  ['cisco_ios_show_mac-address-table6', 11, 'modern layout, stack ports'],
  ['cisco_ios_show_mac-address-table8', 49, '6500 Earl sections, R flags, CRLF'],
  ['cisco_ios_show_mac-address-table13', 6, 'modern layout, SVI ports, trailing spaces'],
];

/** NAPALM IOS cases: directory, rows expected. */
export const IOS_NAPALM: [string, number][] = [
  ['2960_format', 2],
  ['3560_format', 42],
  ['4500_format', 14],
  ['4500_format2', 25],
  ['4500_format3', 30],
  ['4948_format', 1],
  ['6500_6800_vss_format', 2],
  ['6500_format', 2],
  ['6500_format2', 9],
  ['6500_format3', 27],
  ['6500_missing_vlan', 24],
  ['alt_show_cmd', 19],
  ['isr_multiple_ehwic_format', 2],
  ['normal', 19],
];

export const NXOS_NTC: [string, number][] = [['cisco_nxos_show_mac_address-table', 3]];

export const NXOS_NAPALM: [string, number, string][] = [
  ['alternate', 17, 'a second legend block between rows'],
  ['gateway_mac', 1, 'G flag, VLAN -, sup-eth1(R), note lines'],
  ['multiple_interfaces', 32, 'several ports per row, continuation lines, CRLF'],
  ['normal', 13, 'lower-case po/eth ports, vPC Peer-Link'],
];

export const ARISTA_NTC: [string, number][] = [['arista_eos_show_mac_address-table', 23]];
export const EOS_NAPALM: [string, number][] = [['normal', 68]];
export const JUNOS_NTC: [string, number, string][] = [
  ['juniper_junos_show_ethernet-switching_table', 3, 'ELS with NH Index/RTR ID columns'],
  ['juniper_junos_show_ethernet-switching_table1', 2, 'ELS without NH/RTR'],
  ['juniper_junos_show_ethernet-switching_table_14.1X53-D47.6', 3, '14.1X53 collapsed spacing, BD- names'],
];
export const JUNOS_NAPALM: [string, number][] = [['vlan', 2]];

/** Every MAC-table input file with the parser that must read it (for the sniffing test). */
export function allMacInputs(): [string, string][] {
  return [
    ...IOS_NTC.map(([n]): [string, string] => [`${IOS_NTC_DIR}/${n}.raw`, 'cisco-ios-mac']),
    ...IOS_NAPALM.map(([n]): [string, string] => [`${IOS_NAPALM_DIR}/${n}/show_mac_address_table.txt`, 'cisco-ios-mac']),
    ...NXOS_NTC.map(([n]): [string, string] => [`${NXOS_NTC_DIR}/${n}.raw`, 'cisco-nxos-mac']),
    ...NXOS_NAPALM.map(([n]): [string, string] => [`${NXOS_NAPALM_DIR}/${n}/show_mac_address_table.txt`, 'cisco-nxos-mac']),
    ...ARISTA_NTC.map(([n]): [string, string] => [`${ARISTA_NTC_DIR}/${n}.raw`, 'arista-mac']),
    ...EOS_NAPALM.map(([n]): [string, string] => [`${EOS_NAPALM_DIR}/${n}/show_mac_address_table.json`, 'arista-mac-json']),
    ...JUNOS_NTC.map(([n]): [string, string] => [`${JUNOS_NTC_DIR}/${n}.raw`, 'juniper-mac']),
    ...JUNOS_NAPALM.map(([n]): [string, string] => [
      `${JUNOS_NAPALM_DIR}/${n}/get-ethernet-switching-table-information.xml`,
      'juniper-mac-xml',
    ]),
  ];
}
