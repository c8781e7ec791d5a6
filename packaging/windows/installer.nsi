; УчРост: the per-user installer, no administrator rights. Built by packaging/windows/build.sh:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSRC=DIR -DICON=icon.ico -DOUT=setup.exe installer.nsi
; Installs into %LOCALAPPDATA%\Programs\УчРост, adds Start-menu shortcuts (and, if chosen, one on the
; desktop), opens .uchpkg and .uchrcpt files in the app, and registers an uninstaller that keeps the
; user's databases unless asked to remove them. Silent: setup.exe /S, uninstall.exe /S.

; A 64-bit installer: the program itself runs on 64-bit Windows 10 and 11 only.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define PRODUCT "УчРост"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\UchRost"
!define APP_KEY "Software\UchRost"

Name "${PRODUCT}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1049 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1049 "CompanyName" "Команда УчРост"
VIAddVersionKey /LANG=1049 "FileDescription" "Установка программы ${PRODUCT}"
VIAddVersionKey /LANG=1049 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "LegalCopyright" "Команда УчРост, лицензия MIT"

!define MUI_ICON "${ICON}"
; makensis works in this folder: welcome.bmp (164×314) is the picture beside the welcome and finish pages.
!define MUI_WELCOMEFINISHPAGE_BITMAP "welcome.bmp"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "welcome.bmp"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\uchrost.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Запустить ${PRODUCT}"
!define MUI_WELCOMEPAGE_TEXT "Программа для учёта профессионального развития педагогов: аттестация, курсы, ИОМ, наставничество, показатели и отчёты.$\r$\n$\r$\nУстановка только для текущего пользователя, права администратора не нужны. Работает без интернета.$\r$\n$\r$\nНажмите «Далее»."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Russian"

Section "${PRODUCT} (программа, ярлыки в меню «Пуск», пакеты .uchpkg)" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${SRC}\uchrost.exe"
  File "${SRC}\uchrost-cli.exe"
  File "${SRC}\README.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\uchrost.exe" "" "$INSTDIR\uchrost.exe" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT} (безопасный режим).lnk" "$INSTDIR\uchrost.exe" "--safe-mode" "$INSTDIR\uchrost.exe" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\Удалить ${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"

  ; Packages and receipts open in the app (for this user only: HKCU\Software\Classes).
  WriteRegStr HKCU "Software\Classes\.uchpkg" "" "UchRost.Package"
  WriteRegStr HKCU "Software\Classes\UchRost.Package" "" "Пакет УчРост"
  WriteRegStr HKCU "Software\Classes\UchRost.Package\DefaultIcon" "" "$INSTDIR\uchrost.exe,0"
  WriteRegStr HKCU "Software\Classes\UchRost.Package\shell\open\command" "" '"$INSTDIR\uchrost.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.uchrcpt" "" "UchRost.Receipt"
  WriteRegStr HKCU "Software\Classes\UchRost.Receipt" "" "Квитанция УчРост"
  WriteRegStr HKCU "Software\Classes\UchRost.Receipt\DefaultIcon" "" "$INSTDIR\uchrost.exe,0"
  WriteRegStr HKCU "Software\Classes\UchRost.Receipt\shell\open\command" "" '"$INSTDIR\uchrost.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Команда УчРост"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\uchrost.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Ярлык на рабочем столе" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\uchrost.exe" "" "$INSTDIR\uchrost.exe" 0
SectionEnd

Section "un.${PRODUCT} (программа и ярлыки)" UnMain
  SectionIn RO
  SetShellVarContext current
  Delete "$INSTDIR\uchrost.exe"
  Delete "$INSTDIR\uchrost-cli.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT} (безопасный режим).lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\Удалить ${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  ; The file types only if they are still ours.
  ReadRegStr $0 HKCU "Software\Classes\.uchpkg" ""
  StrCmp $0 "UchRost.Package" 0 +2
    DeleteRegKey HKCU "Software\Classes\.uchpkg"
  ReadRegStr $0 HKCU "Software\Classes\.uchrcpt" ""
  StrCmp $0 "UchRost.Receipt" 0 +2
    DeleteRegKey HKCU "Software\Classes\.uchrcpt"
  DeleteRegKey HKCU "Software\Classes\UchRost.Package"
  DeleteRegKey HKCU "Software\Classes\UchRost.Receipt"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
SectionEnd

; Off unless the user ticks it: the databases, their backups and the error log.
Section /o "un.Удалить и мои данные: базы и резервные копии (%LOCALAPPDATA%\uchrost)" UnData
  RMDir /r "$LOCALAPPDATA\uchrost"
SectionEnd
