# Shared by the installers in this folder (sourced, not run): apt-get as root, or through sudo that
# asks for no password. as_root is empty when apt cannot be used; why is in apt_unusable.
have() { command -v "$1" >/dev/null 2>&1; }
apt_unusable=""
as_root=()
if ! have apt-get; then
  apt_unusable="there is no apt-get on this system"
elif [ "$(id -u)" -ne 0 ]; then
  # sudo that would ask for a password is no way in a test run
  if have sudo && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    apt_unusable="installing with apt-get needs root, or sudo without a password"
  fi
fi
# a freshly booted machine's daily apt job often holds the lock for a few minutes: waited for, not failed on
# (env, not a prefix assignment: sudo would reset the variable)
apt_get() {
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q "$@"
}
