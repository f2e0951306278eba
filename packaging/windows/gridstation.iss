; Inno Setup 6 script: the GridStation installer for Windows 10/11 (x64), per machine.
;
; Build on Windows after freezing the app with PyInstaller (steps in packaging/windows/README.md):
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\gridstation.iss
; Output: dist\GridStation-<version>-setup.exe
;
; Data guarantees: the app keeps each user's data in %LOCALAPPDATA%\GridStation and logs in
; %LOCALAPPDATA%\GridStation\Logs. This installer writes only under {app} (Program Files), the
; start menu and the desktop; neither an upgrade nor the uninstaller touches the data directory.
; An upgrade replaces the program files (same AppId) and the app migrates the database after a
; backup when it next starts; an older version refuses a newer database instead of changing it.
;
; Every top-level entry of PyInstaller's dist\gridstation\ (see packaging/layout.py) is named in
; [Files] below; tests/packaging/test_windows_installer.py checks that.

#ifndef AppVersion
  #error Give the version: ISCC /DAppVersion=0.1.0 packaging\windows\gridstation.iss
#endif
#define AppName "GridStation"
#define AppNameZh "网格服务站工作台"
#define AppExe "gridstation.exe"
#define FrozenDir "..\..\dist\gridstation"

[Setup]
; The AppId ties versions together for upgrades: never change it.
AppId={{6F1C2B7E-3D4A-4E8F-9B21-7A5C0D9E4F13}
AppName={#AppName} {#AppNameZh}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=GridStation
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=GridStation-{#AppVersion}-setup
SetupIconFile=..\icons\gridstation.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running GridStation before replacing its files, and do not restart it behind the user's back.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; Program files of the previous version only (a removed library must not linger); never user data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#FrozenDir}\gridstation.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#FrozenDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName} {#AppNameZh}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] and no [Registry] entries for data: uninstalling removes the program only.
