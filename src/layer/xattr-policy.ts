// Which extended attributes a layer tar may set (pax `SCHILY.xattr.*`). Overlay state (`trusted.overlay.*`, and
// `user.overlay.*` that userxattr mounts read) is refused: a layer must not forge opaque dirs, redirects or
// metacopy; whiteouts come only from `.wh.` names. Accepted: `user.*`, `security.*` (capabilities, SELinux
// labels), other `trusted.*`, and POSIX ACLs (`system.posix_acl_access`, `system.posix_acl_default`).

export function layerMaySetXattr(name: string): boolean {
  if (name.startsWith('trusted.overlay.') || name.startsWith('user.overlay.')) return false;
  if (name.startsWith('user.') || name.startsWith('security.') || name.startsWith('trusted.')) return true;
  return name === 'system.posix_acl_access' || name === 'system.posix_acl_default';
}
