#!/usr/bin/env bash
# Checks the Windows release that build.sh made, under Wine (../shared/tools/wine/run.sh installs it):
# the self-test of the portable executable; the installer run silently for this user (files, shortcuts,
# the .uchpkg association, the entry in «Приложения»); the self-test of the installed program; the
# uninstaller run silently (program, shortcuts and registry gone, the user's database kept).
#
#   packaging/windows/check-under-wine.sh [--screenshot OUT.png]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
wine_run=${WINE_RUN:-$root/../shared/tools/wine/run.sh}
shot=
[[ ${1:-} == --screenshot ]] && shot=$2
out=target/windows
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
setup="$out/УчРост-$version-установка.exe"
[[ -f $setup ]] || { echo "нет $setup: сначала packaging/windows/build.sh" >&2; exit 1; }
export WINEPREFIX=${WINEPREFIX:-/tmp/wineprefix-uchrost} WINEDEBUG=-all
wine() { /usr/lib/wine/wine64 "$@"; }
fail() { echo "ОШИБКА: $*" >&2; exit 1; }
command -v unzip >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq unzip >/dev/null; }

echo "== переносная версия: uchrost-cli.exe --self-test"
portable=$(mktemp -d)
trap 'rm -rf "$portable"' EXIT
(cd "$portable" && unzip -q "$root/$out/uchrost-$version-portable.zip")
[[ -f $portable/uchrost.exe && -f $portable/uchrost-cli.exe && -f $portable/README.txt ]] || fail "в zip не все файлы"
"$wine_run" "$portable/uchrost-cli.exe" --self-test

echo "== установщик: /S для текущего пользователя"
"$wine_run" "$setup" /S
local_app=$(wine cmd /c echo %LOCALAPPDATA% 2>/dev/null | tr -d '\r')
unix() { wine winepath -u "$1" 2>/dev/null | tr -d '\r'; }
programs=$(unix "$local_app\\Programs\\УчРост")
for f in uchrost.exe uchrost-cli.exe README.txt uninstall.exe; do
    [[ -f $programs/$f ]] || fail "не установлен $f в $programs"
done
start_menu=$(unix "$(wine cmd /c echo %APPDATA% 2>/dev/null | tr -d '\r')\\Microsoft\\Windows\\Start Menu\\Programs\\УчРост")
for l in "УчРост.lnk" "УчРост (безопасный режим).lnk" "Удалить УчРост.lnk"; do
    [[ -f $start_menu/$l ]] || fail "нет ярлыка «$l» в $start_menu"
done
wine reg query 'HKCU\Software\Classes\.uchpkg' | grep -q UchRost.Package || fail "нет связи с .uchpkg"
wine reg query 'HKCU\Software\Classes\UchRost.Package\shell\open\command' | grep -q 'uchrost.exe" "%1"' ||
    fail "команда открытия пакета"
wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\UchRost' | grep -q "DisplayVersion.*$version" ||
    fail "нет записи в «Приложениях»"
echo "   установлено в $programs; ярлыки, .uchpkg, запись об удалении — на месте"

echo "== установленная программа: --self-test и база пользователя"
"$wine_run" "$programs/uchrost-cli.exe" --self-test
data_win="$local_app\\uchrost\\data\\uchrost.db"
"$wine_run" "$programs/uchrost-cli.exe" demo --db "$data_win" --teachers 20 >/dev/null
data=$(unix "$data_win")
[[ -f $data ]] || fail "база пользователя не создана: $data"
if [[ -n $shot ]]; then
    "$wine_run" --screenshot "$shot" --wait 20 "$programs/uchrost.exe"
fi

echo "== удаление: /S, данные остаются"
rm -f "$programs/bcryptprimitives.dll" # the shim run.sh put there for Wine; not part of the install
wine "$programs/uninstall.exe" /S
for _ in $(seq 30); do [[ -e $programs/uchrost.exe ]] || break; sleep 1; done
[[ ! -e $programs ]] || fail "папка программы осталась: $(ls "$programs")"
[[ ! -e $start_menu ]] || fail "ярлыки остались"
! wine reg query 'HKCU\Software\Classes\.uchpkg' >/dev/null 2>&1 || fail "связь с .uchpkg осталась"
! wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\UchRost' >/dev/null 2>&1 ||
    fail "запись в «Приложениях» осталась"
[[ -f $data ]] || fail "удаление стёрло базу пользователя"
rm -f "$data"
echo "== всё в порядке: переносная версия, установка, самопроверка, удаление с сохранением данных"
