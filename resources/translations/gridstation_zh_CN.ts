<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>姓名(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Grid:</source>
        <translation>所属网格(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Confirm password:</source>
        <translation>确认密码(&amp;C)：</translation>
    </message>
    <message>
        <source>Create user</source>
        <translation>创建用户</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Station admin</source>
        <translation>站点管理员</translation>
    </message>
    <message>
        <source>Create the first account. The station admin manages users and settings.</source>
        <translation>创建第一个账号。站点管理员负责管理用户和站点设置。</translation>
    </message>
    <message>
        <source>e.g. admin</source>
        <translation>例如：admin</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>姓名(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Confirm password:</source>
        <translation>确认密码(&amp;C)：</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AuditActions</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User created</source>
        <translation>创建用户</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Station set up</source>
        <translation>站点初始化</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Record created</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Record changed</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Record deleted</source>
        <translation>删除记录</translation>
    </message>
</context>
<context>
    <name>AuditChain</name>
    <message>
        <source>does not follow the previous entry</source>
        <translation>与上一条记录衔接不上</translation>
    </message>
    <message>
        <source>was changed after it was written</source>
        <translation>写入后被修改过</translation>
    </message>
    <message>
        <source>the recorded head is missing</source>
        <translation>缺少记录的链尾</translation>
    </message>
    <message>
        <source>Entry {seq}: {problem}</source>
        <translation>第 {seq} 条：{problem}</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验日志链(&amp;V)</translation>
    </message>
    <message>
        <source>Check that no entry of the audit log was changed, removed or inserted.</source>
        <translation>检查审计日志是否有记录被修改、删除或插入。</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>导出 PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Checking the audit log…</source>
        <translation>正在校验审计日志…</translation>
    </message>
    <message>
        <source>The audit log is intact ({n} entries checked).</source>
        <translation>审计日志完整（已校验 {n} 条记录）。</translation>
    </message>
    <message>
        <source>… and {n} more problems.</source>
        <translation>……另有 {n} 个问题。</translation>
    </message>
    <message>
        <source>The audit log was tampered with ({n} problems):</source>
        <translation>审计日志被篡改（{n} 个问题）：</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>已保存为 {path}。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>At least 8 characters, mixing 3 of: lower-case, upper-case, digits, symbols.</source>
        <translation>至少 8 个字符，且包含小写字母、大写字母、数字、符号中的至少三类。</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat new password:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>Demo data loaded</source>
        <translation>演示数据已载入</translation>
    </message>
    <message>
        <source>Sign in with one of these demo users.</source>
        <translation>请用以下任一演示用户登录。</translation>
    </message>
    <message>
        <source>The demo station is invented. To set up a real station later, start GridStation with a new, empty data directory.</source>
        <translation>演示站点为虚构数据。以后要设置真实站点，请用一个新的空数据目录启动网格服务站工作台。</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>Password for every demo user: {password}</source>
        <translation>所有演示用户的密码：{password}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The user name must be 2–32 characters without spaces.</source>
        <translation>用户名须为 2–32 个字符，且不含空格。</translation>
    </message>
    <message>
        <source>The full name must be 1–50 characters.</source>
        <translation>姓名须为 1–50 个字符。</translation>
    </message>
    <message>
        <source>Unknown role “{role}”.</source>
        <translation>未知角色“{role}”。</translation>
    </message>
    <message>
        <source>The user name “{name}” is already taken.</source>
        <translation>用户名“{name}”已被使用。</translation>
    </message>
    <message>
        <source>This station does not serve grid {grid}.</source>
        <translation>本站不负责网格 {grid}。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Wrong user name or password. {left} attempts left before the account locks.</source>
        <translation>用户名或密码错误。再输错 {left} 次，账号将被锁定。</translation>
    </message>
    <message>
        <source>Too many failed attempts: the account is locked. Try again in {minutes} min.</source>
        <translation>登录失败次数过多，账号已锁定。请 {minutes} 分钟后再试。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>Only a station admin may do this.</source>
        <translation>只有站点管理员可以执行此操作。</translation>
    </message>
    <message>
        <source>{path} already exists.</source>
        <translation>{path} 已存在。</translation>
    </message>
    <message>
        <source>Backup file {path} not found.</source>
        <translation>找不到备份文件 {path}。</translation>
    </message>
    <message>
        <source>{path} is not a GridStation backup.</source>
        <translation>{path} 不是网格服务站工作台的备份文件。</translation>
    </message>
    <message>
        <source>This database was written by a newer GridStation (schema {found}, this program knows up to {latest}). Install the newer version; the database was not changed.</source>
        <translation>此数据库由更新版本的网格服务站工作台写入（数据库结构版本 {found}，本程序最高支持 {latest}）。请安装新版本；数据库未作任何改动。</translation>
    </message>
    <message>
        <source>{label} is required.</source>
        <translation>请填写{label}。</translation>
    </message>
    <message>
        <source>{label} must be at most {n} printable characters.</source>
        <translation>{label}最多 {n} 个可打印字符。</translation>
    </message>
    <message>
        <source>Community/village {code} does not belong to street/town {street}.</source>
        <translation>社区/村 {code} 不属于街道/乡镇 {street}。</translation>
    </message>
    <message>
        <source>Add at least the station&apos;s own grid.</source>
        <translation>请至少添加本站所在的网格。</translation>
    </message>
    <message>
        <source>Grid {code} is not in street/town {street}.</source>
        <translation>网格 {code} 不在街道/乡镇 {street} 内。</translation>
    </message>
    <message>
        <source>Grid {code} is listed twice.</source>
        <translation>网格 {code} 重复列出。</translation>
    </message>
    <message>
        <source>This station is already set up.</source>
        <translation>本站已完成设置。</translation>
    </message>
    <message>
        <source>{path} is not a file.</source>
        <translation>{path} 不是文件。</translation>
    </message>
    <message>
        <source>{path} is not a GridStation database (it is not an SQLite file). Nothing was changed.</source>
        <translation>{path} 不是网格服务站工作台的数据库（不是 SQLite 文件）。未作任何改动。</translation>
    </message>
    <message>
        <source>{path} is damaged and cannot be opened ({reason}). Restore a backup; nothing was changed.</source>
        <translation>{path} 已损坏，无法打开（{reason}）。请恢复备份；未作任何改动。</translation>
    </message>
    <message>
        <source>{path} belongs to another program, not GridStation. Nothing was changed.</source>
        <translation>{path} 属于其他程序，不是网格服务站工作台的数据库。未作任何改动。</translation>
    </message>
    <message>
        <source>The data directory {path} is a file, not a directory.</source>
        <translation>数据目录 {path} 是一个文件，而不是目录。</translation>
    </message>
    <message>
        <source>Cannot create the data directory {path}: {reason}</source>
        <translation>无法创建数据目录 {path}：{reason}</translation>
    </message>
    <message>
        <source>GridStation is already running on the data directory {path}. Switch to the open window, or close it first.</source>
        <translation>网格服务站工作台已在使用数据目录 {path}。请切换到已打开的窗口，或先将其关闭。</translation>
    </message>
    <message>
        <source>The to-do item needs a text.</source>
        <translation>待办事项内容不能为空。</translation>
    </message>
    <message>
        <source>The to-do text is too long ({n} characters, at most {max}).</source>
        <translation>待办事项内容过长（{n} 个字符，最多 {max} 个）。</translation>
    </message>
    <message>
        <source>This to-do item no longer exists.</source>
        <translation>此待办事项已不存在。</translation>
    </message>
    <message>
        <source>County code “{code}” must be 6 digits naming a county (e.g. 230204).</source>
        <translation>区县代码“{code}”须为 6 位数字（如 230204）。</translation>
    </message>
    <message>
        <source>Street/town code “{code}” must be exactly 9 digits.</source>
        <translation>街道/乡镇代码“{code}”须为 9 位数字。</translation>
    </message>
    <message>
        <source>Street/town code “{code}”: digits 7–9 must be 001–099 (street), 100–199 (town) or 200–399 (township).</source>
        <translation>街道/乡镇代码“{code}”：第 7–9 位须为 001–099（街道）、100–199（镇）或 200–399（乡）。</translation>
    </message>
    <message>
        <source>Community/village code “{code}” must be exactly 12 digits.</source>
        <translation>社区/村代码“{code}”须为 12 位数字。</translation>
    </message>
    <message>
        <source>Community/village code “{code}”: digits 10–12 must be 001–199 (community) or 200–399 (village).</source>
        <translation>社区/村代码“{code}”：第 10–12 位须为 001–199（社区）或 200–399（村）。</translation>
    </message>
    <message>
        <source>Grid code “{code}” must look like 230204001003-012U: the 12-digit community code, a dash, a 3-digit grid number and U (urban), R (rural) or S (dedicated unit).</source>
        <translation>网格编码“{code}”的格式应如 230204001003-012U：12 位社区/村代码、短横线、3 位网格序号，再加 U（城镇）、R（农村）或 S（专属网格）。</translation>
    </message>
    <message>
        <source>Grid code “{code}”: its first 12 digits {part} are not a valid community/village code (6-digit county, street/town 001–399, committee 001–399).</source>
        <translation>网格编码“{code}”：前 12 位 {part} 不是有效的社区/村代码（6 位区县代码、街道/乡镇 001–399、居/村委会 001–399）。</translation>
    </message>
    <message>
        <source>Grid code “{code}”: the grid number cannot be 000.</source>
        <translation>网格编码“{code}”：网格序号不能为 000。</translation>
    </message>
    <message>
        <source>Grid code “{code}” does not belong to community/village {committee}.</source>
        <translation>网格编码“{code}”不属于社区/村 {committee}。</translation>
    </message>
    <message>
        <source>The password must have at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <source>The password must have at most {n} characters.</source>
        <translation>密码最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>The password must mix at least 3 of: lower-case letters, upper-case letters, digits, symbols.</source>
        <translation>密码须至少包含以下四类中的三类：小写字母、大写字母、数字、符号。</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>站点名称</translation>
    </message>
    <message>
        <source>Street/town name</source>
        <translation>街道/乡镇名称</translation>
    </message>
    <message>
        <source>Community/village name</source>
        <translation>社区/村名称</translation>
    </message>
    <message>
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <source>Something went wrong ({kind}: {detail}). The details were written to the log file.</source>
        <translation>出现错误（{kind}：{detail}）。详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>GridStation</source>
        <translation>网格服务站工作台</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>GridStation – first start</source>
        <translation>网格服务站工作台 – 首次启动</translation>
    </message>
    <message>
        <source>Setting up the station…</source>
        <translation>正在设置站点…</translation>
    </message>
    <message>
        <source>Loading the demo data…</source>
        <translation>正在载入演示数据…</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>At least {n} characters, mixing at least 3 of: lower-case letters, upper-case letters, digits, symbols.</source>
        <translation>至少 {n} 个字符，且至少包含小写字母、大写字母、数字、符号中的 3 类。</translation>
    </message>
</context>
<context>
    <name>GridListEditor</name>
    <message>
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <source>&amp;Add grid</source>
        <translation>添加网格(&amp;A)</translation>
    </message>
    <message>
        <source>e.g. First grid of Xinxing community</source>
        <translation>例如：新兴社区第一网格</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The station&apos;s own grid</source>
        <translation>本站所在网格</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>GridStation</source>
        <translation>网格服务站工作台</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Lock the screen (Ctrl+L)</source>
        <translation>锁定屏幕（Ctrl+L）</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Grids of this station</source>
        <translation>本站网格</translation>
    </message>
    <message>
        <source>(own grid)</source>
        <translation>（本站所在网格）</translation>
    </message>
    <message>
        <source>Open to-do items</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Nothing to do — all to-do items are done.</source>
        <translation>暂无待办，所有事项均已完成。</translation>
    </message>
    <message>
        <source>New to-do item…</source>
        <translation>新建待办事项…</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Good morning, {name}</source>
        <translation>上午好，{name}</translation>
    </message>
    <message>
        <source>Good afternoon, {name}</source>
        <translation>下午好，{name}</translation>
    </message>
    <message>
        <source>Good evening, {name}</source>
        <translation>晚上好，{name}</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>截止 {date}</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>GridStation — Sign in</source>
        <translation>网格服务站工作台 — 登录</translation>
    </message>
    <message>
        <source>GridStation</source>
        <translation>网格服务站工作台</translation>
    </message>
    <message>
        <source>Screen locked — enter your password to continue.</source>
        <translation>屏幕已锁定，请输入密码继续。</translation>
    </message>
    <message>
        <source>Grid service station workbench — please sign in.</source>
        <translation>网格服务站工作台，请登录。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sign in as another user. The current user is signed out.</source>
        <translation>以其他用户身份登录，当前用户将退出登录。</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>GridStation — {station}</source>
        <translation>网格服务站工作台 — {station}</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Switch user…</source>
        <translation>切换用户(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>立即锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation>修改密码(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About GridStation</source>
        <translation>关于网格服务站工作台(&amp;A)</translation>
    </message>
    <message>
        <source>Changes waiting to sync: {n}</source>
        <translation>待同步更改：{n} 条</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>GridStation {version}
Grid service station workbench

Data directory: {data}
Log file: {log}</source>
        <translation>网格服务站工作台 {version}
社区网格服务站日常工作软件

数据目录：{data}
日志文件：{log}</translation>
    </message>
    <message>
        <source>About GridStation</source>
        <translation>关于网格服务站工作台</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Grid leader</source>
        <translation>网格长</translation>
    </message>
    <message>
        <source>Backup leader (B role)</source>
        <translation>代岗网格员（B角）</translation>
    </message>
    <message>
        <source>People&apos;s mediator</source>
        <translation>人民调解员</translation>
    </message>
    <message>
        <source>Station admin</source>
        <translation>站点管理员</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Lock the screen after idle:</source>
        <translation>无操作自动锁屏(&amp;L)：</translation>
    </message>
    <message>
        <source>Screen lock and language</source>
        <translation>锁屏与语言</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>界面语言(&amp;I)：</translation>
    </message>
    <message>
        <source>Only a station admin can change these settings.</source>
        <translation>只有站点管理员可以修改这些设置。</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点信息</translation>
    </message>
    <message>
        <source>Station name:</source>
        <translation>站点名称：</translation>
    </message>
    <message>
        <source>Street/town:</source>
        <translation>街道/乡镇：</translation>
    </message>
    <message>
        <source>Community/village:</source>
        <translation>社区/村：</translation>
    </message>
    <message>
        <source> – the station&apos;s own grid</source>
        <translation> – 本站所在网格</translation>
    </message>
    <message>
        <source>Grids:</source>
        <translation>服务网格：</translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation>数据目录：</translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation>没有需要保存的更改。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>Station</source>
        <translation>站点信息</translation>
    </message>
    <message>
        <source>Which station is this, and which grids does it serve?</source>
        <translation>填写本站点的基本信息及服务的网格。</translation>
    </message>
    <message>
        <source>e.g. Xinxing Community Grid Service Station</source>
        <translation>例如：新兴社区网格服务站</translation>
    </message>
    <message>
        <source>e.g. Zhanqian Street</source>
        <translation>例如：站前街道</translation>
    </message>
    <message>
        <source>e.g. Xinxing Community</source>
        <translation>例如：新兴社区</translation>
    </message>
    <message>
        <source>Station &amp;name:</source>
        <translation>站点名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Street/town &amp;code:</source>
        <translation>街道/乡镇编码(&amp;C)：</translation>
    </message>
    <message>
        <source>Community/village c&amp;ode:</source>
        <translation>社区/村编码(&amp;O)：</translation>
    </message>
    <message>
        <source>Grid codes look like 230204001003-012U: community code, dash, grid number and U (urban), R (rural) or S (dedicated unit). The first grid is the station&apos;s own.</source>
        <translation>网格编码格式如 230204001003-012U：社区/村编码、短横线、3 位网格序号，再加 U（城镇）、R（农村）或 S（专属网格）。第一行为本站所在网格。</translation>
    </message>
    <message>
        <source>&amp;Grids:</source>
        <translation>服务网格(&amp;G)：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>所属网格</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>&amp;Add user…</source>
        <translation>添加用户(&amp;A)…</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to GridStation</source>
        <translation>欢迎使用网格服务站工作台</translation>
    </message>
    <message>
        <source>This computer has no station data yet. How do you want to start?</source>
        <translation>本机还没有站点数据。请选择开始方式：</translation>
    </message>
    <message>
        <source>&amp;Set up this station</source>
        <translation>设置本站点(&amp;S)</translation>
    </message>
    <message>
        <source>Load &amp;demo data (for trying the app)</source>
        <translation>载入演示数据（试用）(&amp;D)</translation>
    </message>
    <message>
        <source>Enter the station&apos;s street, community and grids, and create the first station admin account.</source>
        <translation>填写本站所属街道、社区和服务网格，并创建第一个站点管理员账号。</translation>
    </message>
    <message>
        <source>Fills in an invented station with sample users and records. Use it only to try GridStation, not for real work.</source>
        <translation>载入一个虚构站点及示例用户和记录，仅供试用，请勿用于实际工作。</translation>
    </message>
</context>
</TS>
