// Linux's dev_t split into major and minor numbers, as glibc's gnu_dev_major/minor and Go's archive/tar do it:
// major in bits 8–19 and 32 up, minor in bits 0–7 and 20–31.

export function devMajor(dev: number): number {
  return Number(((BigInt(dev) >> 8n) & 0xfffn) | ((BigInt(dev) >> 32n) & ~0xfffn));
}

export function devMinor(dev: number): number {
  return Number((BigInt(dev) & 0xffn) | ((BigInt(dev) >> 12n) & ~0xffn));
}
