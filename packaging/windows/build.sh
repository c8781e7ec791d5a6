#!/usr/bin/env bash
# Builds the Windows release on Debian: uchrost.exe (the window, no console), uchrost-cli.exe (the same
# commands in a console), the per-user installer and the portable zip.
#
#   packaging/windows/build.sh            → target/windows/
#
# It installs what it lacks (as root, from Debian's packages: gcc-mingw-w64-x86-64 for the linker and
# windres, nsis for makensis, zip) and the Rust target x86_64-pc-windows-gnu through rustup. The icon,
# the Russian version information and the manifest are compiled in by build.rs. The executables must
# depend on Windows' own DLLs only: the script checks the import tables and stops otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
here=packaging/windows
target=x86_64-pc-windows-gnu
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
out=target/windows
export SOURCE_DATE_YEAR=${SOURCE_DATE_YEAR:-$(date +%Y)}

echo "== УчРост $version для Windows (x86_64)"
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-windres >/dev/null || need+=(binutils-mingw-w64-x86-64)
command -v makensis >/dev/null || need+=(nsis)
command -v zip >/dev/null || need+=(zip)
if (( ${#need[@]} )); then
    if [[ $(id -u) != 0 ]]; then
        echo "Не хватает пакетов: ${need[*]}. Установите: sudo apt-get install ${need[*]}" >&2
        exit 1
    fi
    echo "== apt-get install ${need[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! rustup target list --installed | grep -qx "$target"; then
    echo "== rustup target add $target"
    rustup target add "$target"
fi

echo "== cargo build --release --target $target"
cargo build --release --locked --target "$target" --bins
bin=target/$target/release

echo "== проверка: только системные библиотеки Windows"
# Windows' own DLLs (and the API sets it resolves); anything else (libgcc_s_seh-1.dll,
# libwinpthread-1.dll, vcruntime140.dll…) would be missing on the user's machine.
system='^(api-ms-win-.*|advapi32|bcrypt|bcryptprimitives|combase|comctl32|comdlg32|crypt32|d3d12|d3dcompiler_47|dwmapi|dxgi|gdi32|gdiplus|hid|imm32|iphlpapi|kernel32|msvcrt|ntdll|ole32|oleaut32|opengl32|powrprof|propsys|secur32|setupapi|shell32|shlwapi|ucrtbase|uiautomationcore|user32|userenv|uxtheme|version|winmm|ws2_32)\.dll$'
for exe in uchrost.exe uchrost-cli.exe; do
    dlls=$(x86_64-w64-mingw32-objdump -p "$bin/$exe" | awk '/DLL Name:/ {print tolower($3)}' | sort -u)
    foreign=$(grep -Ev "$system" <<<"$dlls" || true)
    if [[ -n $foreign ]]; then
        echo "$exe зависит от несистемных библиотек: $foreign" >&2
        exit 1
    fi
    echo "   $exe: $(tr '\n' ' ' <<<"$dlls")"
done

rm -rf "$out"
mkdir -p "$out/files"
for exe in uchrost.exe uchrost-cli.exe; do
    x86_64-w64-mingw32-strip -o "$out/files/$exe" "$bin/$exe"
done
# The note for users: UTF-8 with a byte-order mark and CRLF, so that Notepad shows it right.
note() { printf '\xef\xbb\xbf'; sed "s/@VERSION@/$version/g; s/\$/\r/" "$1"; }
note "$here/README.txt" >"$out/files/README.txt"

echo "== установщик (NSIS)"
setup="УчРост-$version-установка.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSRC="$root/$out/files" -DICON="$root/assets/icon.ico" \
    -DOUT="$root/$out/$setup" "$here/installer.nsi"

echo "== переносная версия (zip)"
portable="uchrost-$version-portable.zip"
(cd "$out/files" && zip -q -9 -X "../$portable" uchrost.exe uchrost-cli.exe README.txt)

echo "== готово: $out/"
(cd "$out" && ls -l "$setup" "$portable" files/ && sha256sum "$setup" "$portable" files/*.exe | tee SHA256SUMS)
