/**
 * What each NIC vendor looks like to Windows: the Get-NetAdapter description, the real OUI its
 * MACs start with, the usual link speed, and the legacy driver events it logs on link changes
 * (docs/domain.md §1.4). Also the descriptions of the virtual adapters teams and vSwitches create.
 */

export type NicVendor = 'intel' | 'broadcom' | 'qlogic' | 'mellanox';
export type VendorTeamKind = 'basp' | 'ans' | 'hpe';

export interface LinkEventDef {
  provider: string;
  eventId: number;
  /** High 16 bits of the message id; legacy events carry them as `Qualifiers`. */
  qualifiers: number;
  level: number;
  message: (description: string) => string;
}

export interface NicModel {
  vendor: NicVendor;
  description: string;
  oui: string;
  speedBps: number;
  linkDown: LinkEventDef | null;
  /** The link-up event depends on the negotiated speed (Intel logs a different id per speed). */
  linkUp: ((speedBps: number) => LinkEventDef) | null;
}

const GBPS = 1_000_000_000;

const intelUpId = (bps: number): { id: number; text: string } => {
  if (bps >= 10 * GBPS) return { id: 31, text: '10Gbps' };
  if (bps >= 5 * GBPS) return { id: 62, text: '5Gbps' };
  if (bps >= 2.5 * GBPS) return { id: 57, text: '2.5Gbps' };
  if (bps >= GBPS) return { id: 32, text: '1Gbps' };
  return { id: 33, text: '100Mbps' };
};

/** Intel messages start with the description line (`%2%n`), rendered with CR LF. */
const intelText = (desc: string, text: string) => `${desc}\r\n\r\n${text}\r\n`;

export const NIC_MODELS: Record<NicVendor, NicModel> = {
  intel: {
    vendor: 'intel',
    description: 'Intel(R) Ethernet Controller X710 for 10GbE SFP+',
    oui: '3c:fd:fe',
    speedBps: 10 * GBPS,
    linkDown: { provider: 'e1iexpress', eventId: 27, qualifiers: 40964, level: 3, message: (d) => intelText(d, 'Network link is disconnected.') },
    linkUp: (bps) => {
      const { id, text } = intelUpId(bps);
      return { provider: 'e1iexpress', eventId: id, qualifiers: 24580, level: 4, message: (d) => intelText(d, `Network link has been established at ${text} full duplex.`) };
    },
  },
  broadcom: {
    vendor: 'broadcom',
    description: 'Broadcom NetXtreme Gigabit Ethernet',
    oui: '00:10:18',
    speedBps: GBPS,
    linkDown: {
      provider: 'b57nd60a',
      eventId: 4,
      qualifiers: 32773,
      level: 3,
      message: (d) => `${d}: The network link is down.  Check to make sure the network cable is properly connected.`,
    },
    linkUp: () => ({ provider: 'b57nd60a', eventId: 5, qualifiers: 16389, level: 4, message: (d) => `${d}: The network link is up.` }),
  },
  qlogic: {
    vendor: 'qlogic',
    description: 'QLogic BCM57810 10 Gigabit Ethernet (NDIS VBD Client)',
    oui: '00:0e:1e',
    speedBps: 10 * GBPS,
    // evbda logs link-down at Information level (message id 0x40050002), unlike b57nd60a.
    linkDown: {
      provider: 'evbda',
      eventId: 2,
      qualifiers: 16389,
      level: 4,
      message: (d) => `${d}: The network link is down.  Check to make sure the network cable is properly connected.`,
    },
    linkUp: () => ({ provider: 'evbda', eventId: 3, qualifiers: 16389, level: 4, message: (d) => `${d}: The network link is up.` }),
  },
  // mlx5 link events are not catalogued (docs/domain.md §1.4, [U]); the simulator logs none for
  // Mellanox rather than inventing ids.
  mellanox: { vendor: 'mellanox', description: 'Mellanox ConnectX-4 Lx Ethernet Adapter', oui: '24:8a:07', speedBps: 25 * GBPS, linkDown: null, linkUp: null },
};

/** Intel SmartSpeed downgrade warning (event 40), logged before a link comes up slower than advertised. */
export const INTEL_SMARTSPEED: LinkEventDef = {
  provider: 'e1iexpress',
  eventId: 40,
  qualifiers: 40964,
  level: 3,
  message: (d) => intelText(d, 'Intel SmartSpeed has downgraded the link speed from the maximum advertised.'),
};

export const VENDOR_TEAM_DESCRIPTION: Record<VendorTeamKind, string> = {
  basp: 'BASP Virtual Adapter',
  ans: 'Intel(R) Advanced Network Services Virtual Adapter',
  hpe: 'HPE Network Team #1',
};

export const TEAM_NIC_DESCRIPTION = 'Microsoft Network Adapter Multiplexor Driver';
export const HOST_VNIC_DESCRIPTION = 'Hyper-V Virtual Ethernet Adapter';

/** Windows' duplicate-description rule: the first keeps the name, later ones get ` #2`, ` #3`, … */
export function numberedDescription(base: string, ordinal: number): string {
  return ordinal <= 1 ? base : `${base} #${ordinal}`;
}

/** Vendor team kind from a Get-NetAdapter description, or null when it is not a vendor team. */
export function vendorTeamKindOf(description: string): VendorTeamKind | null {
  const d = description.toLowerCase();
  if (d.startsWith('basp virtual adapter') || d.includes('broadcom advanced server program')) return 'basp';
  if (d.includes('advanced network services virtual adapter')) return 'ans';
  if (/^(hpe?|hp) network team/.test(d)) return 'hpe';
  return null;
}

export function isTeamNicDescription(description: string): boolean {
  return description.toLowerCase().startsWith(TEAM_NIC_DESCRIPTION.toLowerCase());
}

export function isHostVnicDescription(description: string): boolean {
  return description.toLowerCase().startsWith(HOST_VNIC_DESCRIPTION.toLowerCase());
}

export function formatLinkSpeed(bps: number): string {
  if (bps <= 0) return '0 bps';
  if (bps >= GBPS) return `${+(bps / GBPS).toFixed(1)} Gbps`;
  if (bps >= 1_000_000) return `${+(bps / 1_000_000).toFixed(1)} Mbps`;
  return `${bps} bps`;
}
