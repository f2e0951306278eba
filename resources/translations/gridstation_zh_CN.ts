<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About GridStation</source>
        <translation>关于网格服务站工作台</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation>数据目录：</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>日志文件：</translation>
    </message>
    <message>
        <source>Runs on:</source>
        <translation>运行环境：</translation>
    </message>
    <message>
        <source>{system}, Python {python}, Qt for Python {qt}{installed}</source>
        <translation>{system}，Python {python}，Qt for Python {qt}{installed}</translation>
    </message>
    <message>
        <source>, installed package</source>
        <translation>，安装版</translation>
    </message>
    <message>
        <source>GridStation — grid service station workbench</source>
        <translation>网格服务站工作台</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制信息</translation>
    </message>
</context>
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
        <source>Full na&amp;me:</source>
        <translation>姓名(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation type="vanished">姓名(&amp;F)：</translation>
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
    <name>AgreementEditor</name>
    <message>
        <source>Agreement {case_no}</source>
        <translation>调解协议 {case_no}</translation>
    </message>
    <message>
        <source>Written agreement (调解协议书)</source>
        <translation>书面协议（调解协议书）</translation>
    </message>
    <message>
        <source>Oral agreement (口头协议)</source>
        <translation>口头协议</translation>
    </message>
    <message>
        <source>One clause per line; they are numbered when printed</source>
        <translation>每行一条协议条款，打印时自动编号</translation>
    </message>
    <message>
        <source>e.g. 银行转账; write 当场履行 when it is performed on signing (then no deadline is needed)</source>
        <translation>如：银行转账；签订时当场履行的填写“当场履行”（无需履行期限）</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>协议形式</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>纠纷事实</translation>
    </message>
    <message>
        <source>Disputed matters</source>
        <translation>争议事项</translation>
    </message>
    <message>
        <source>Responsibilities</source>
        <translation>当事人责任</translation>
    </message>
    <message>
        <source>Clauses</source>
        <translation>协议条款</translation>
    </message>
    <message>
        <source>Manner of performance</source>
        <translation>履行方式</translation>
    </message>
    <message>
        <source>Performance deadline</source>
        <translation>履行期限</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Save the agreement</source>
        <translation>保存协议</translation>
    </message>
    <message>
        <source>Signatures obtained on the printed agreement</source>
        <translation>已在打印的协议书上取得的签名</translation>
    </message>
    <message>
        <source>Mediator&apos;s signature</source>
        <translation>调解员签名</translation>
    </message>
    <message>
        <source>Committee&apos;s seal</source>
        <translation>人民调解委员会印章</translation>
    </message>
    <message>
        <source>Record signatures</source>
        <translation>登记签名</translation>
    </message>
    <message>
        <source>Mark effective</source>
        <translation>确认协议生效</translation>
    </message>
    <message>
        <source>Effective on</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>In effect since {day}</source>
        <translation>已于 {day} 生效</translation>
    </message>
    <message>
        <source>Agreement saved</source>
        <translation>协议已保存</translation>
    </message>
    <message>
        <source>Signatures recorded</source>
        <translation>签名情况已登记</translation>
    </message>
    <message>
        <source>The agreement is in effect</source>
        <translation>协议已生效</translation>
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
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>锁定屏幕</translation>
    </message>
    <message>
        <source>Screen unlocked</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <source>Personal data shown</source>
        <translation>查看隐私信息</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Exported as PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Exported as CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Exported as Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Resident&apos;s details corrected</source>
        <translation>更正居民信息</translation>
    </message>
    <message>
        <source>Demo data loaded</source>
        <translation>载入演示数据</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>修改角色/网格</translation>
    </message>
    <message>
        <source>User deactivated</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>User reactivated</source>
        <translation>重新启用用户</translation>
    </message>
    <message>
        <source>Account unlocked</source>
        <translation>解除账号锁定</translation>
    </message>
    <message>
        <source>Service list installed</source>
        <translation>安装服务清单</translation>
    </message>
    <message>
        <source>Service item hidden</source>
        <translation>隐藏服务事项</translation>
    </message>
    <message>
        <source>Service item shown again</source>
        <translation>恢复提供服务事项</translation>
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
        <source>Enrolled with the district</source>
        <translation>向区服务器注册</translation>
    </message>
    <message>
        <source>Sign-ins and screen locks</source>
        <translation>登录与锁屏</translation>
    </message>
    <message>
        <source>Personal data shown (all)</source>
        <translation>隐私信息查看（全部）</translation>
    </message>
    <message>
        <source>Printing and exports</source>
        <translation>打印与导出</translation>
    </message>
    <message>
        <source>Record changes</source>
        <translation>记录变更</translation>
    </message>
    <message>
        <source>Settings and administration</source>
        <translation>设置与管理</translation>
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
        <source>missing (the next entry is entry {n})</source>
        <translation>缺失（下一条为第 {n} 条）</translation>
    </message>
    <message>
        <source>the log ends here, but the recorded last entry is entry {n}</source>
        <translation>日志到此结束，但记录的最后一条是第 {n} 条</translation>
    </message>
    <message>
        <source>Entry {seq}: {problem}</source>
        <translation type="vanished">第 {seq} 条：{problem}</translation>
    </message>
</context>
<context>
    <name>AuditDetails</name>
    <message>
        <source>Unknown user name</source>
        <translation>用户名不存在</translation>
    </message>
    <message>
        <source>Account locked, sign-in refused</source>
        <translation>账号已锁定，登录被拒绝</translation>
    </message>
    <message>
        <source>Account deactivated, sign-in refused</source>
        <translation>账号已停用，登录被拒绝</translation>
    </message>
    <message>
        <source>Account locked, password not changed</source>
        <translation>账号已锁定，未能修改密码</translation>
    </message>
    <message>
        <source>Wrong current password (attempt {n})</source>
        <translation>当前密码错误（第 {n} 次）</translation>
    </message>
    <message>
        <source>Wrong current password (attempt {n}), account locked</source>
        <translation>当前密码错误（第 {n} 次），账号已锁定</translation>
    </message>
    <message>
        <source>{role}, {grid}</source>
        <translation>{role}，{grid}</translation>
    </message>
    <message>
        <source>Wrong password (attempt {n})</source>
        <translation>密码错误（第 {n} 次）</translation>
    </message>
    <message>
        <source>Wrong password (attempt {n}), account locked</source>
        <translation>密码错误（第 {n} 次），账号已锁定</translation>
    </message>
    <message>
        <source>Switched user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>The data before the restore was kept as {path}</source>
        <translation>恢复前的数据已保存为 {path}</translation>
    </message>
    <message>
        <source>{count} service records over {days} days</source>
        <translation>{days} 天内的 {count} 条帮代办记录</translation>
    </message>
    <message>
        <source>{pages} diary pages over {days} days</source>
        <translation>{days} 天内的 {pages} 页工作日志</translation>
    </message>
    <message>
        <source>{count} items</source>
        <translation>{count} 项</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>第 {version} 版</translation>
    </message>
    <message>
        <source>Corrected: {fields}</source>
        <translation>更正了：{fields}</translation>
    </message>
    <message>
        <source>Full {field} of {kind} “{name}” shown</source>
        <translation>查看了{kind}“{name}”的完整{field}</translation>
    </message>
    <message>
        <source>Full {field} of a {kind} shown (mediation records are private: the name is not shown here)</source>
        <translation>查看了一名{kind}的完整{field}（调解记录依法保密，此处不显示姓名）</translation>
    </message>
    <message>
        <source>Full {field} of {kind} “{name}” of case {case_no} shown</source>
        <translation type="vanished">查看了{case_no}案件中{kind}“{name}”的完整{field}</translation>
    </message>
    <message>
        <source>{text}; reason: {reason}</source>
        <translation>{text}；理由：{reason}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>no grid</source>
        <translation>无网格</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
</context>
<context>
    <name>AuditKinds</name>
    <message>
        <source>service record</source>
        <translation>帮代办记录</translation>
    </message>
    <message>
        <source>mediation party</source>
        <translation>调解当事人</translation>
    </message>
    <message>
        <source>mediation case</source>
        <translation>调解案件</translation>
    </message>
    <message>
        <source>case step</source>
        <translation>案件流转</translation>
    </message>
    <message>
        <source>mediation session</source>
        <translation>调解记录</translation>
    </message>
    <message>
        <source>party statement</source>
        <translation>当事人陈述</translation>
    </message>
    <message>
        <source>mediation agreement</source>
        <translation>调解协议</translation>
    </message>
    <message>
        <source>follow-up visit</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>diary day</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <source>diary item</source>
        <translation>日志事项</translation>
    </message>
    <message>
        <source>week summary</source>
        <translation>周结</translation>
    </message>
    <message>
        <source>to-do item</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Screen lock after idle (minutes)</source>
        <translation>无操作自动锁屏（分钟）</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Mediation case-number block</source>
        <translation>调解案号段</translation>
    </message>
    <message>
        <source>Notice-board details</source>
        <translation>公示栏信息</translation>
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
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Only entries from the first to the last day, both included</source>
        <translation>只显示起止日期之间（含起止日）的记录</translation>
    </message>
    <message>
        <source>&amp;Failed only</source>
        <translation>仅显示失败(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部用户</translation>
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
    <name>BackupBox</name>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation type="vanished">立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Back &amp;up now…</source>
        <translation>立即备份(&amp;U)…</translation>
    </message>
    <message>
        <source>Keep a copy off this PC, e.g. on a USB stick, at least once a week. To restore a backup, close GridStation and run “gridstation restore FILE”.</source>
        <translation>请至少每周备份一次，并把备份保存在本机以外（如U盘）。恢复备份时，请先关闭本程序，再运行“gridstation restore 备份文件”。</translation>
    </message>
    <message>
        <source>No backup has been made from this station yet.</source>
        <translation>本站点尚未做过备份。</translation>
    </message>
    <message>
        <source>Last backup: {time}, {path}</source>
        <translation>上次备份：{time}，{path}</translation>
    </message>
    <message>
        <source>Back up the station database</source>
        <translation>备份站点数据库</translation>
    </message>
    <message>
        <source>GridStation backup (*.sqlite3)</source>
        <translation>网格服务站备份 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backed up to {path}.</source>
        <translation>已备份到 {path}。</translation>
    </message>
    <message>
        <source>No backup was made: {reason}</source>
        <translation>未能备份：{reason}</translation>
    </message>
</context>
<context>
    <name>CalendarLegend</name>
    <message>
        <source>Closed (日清)</source>
        <translation>已日清</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿（未日清）</translation>
    </message>
</context>
<context>
    <name>CarriedItems</name>
    <message>
        <source>Carried over (遗留问题)</source>
        <translation>遗留问题</translation>
    </message>
    <message>
        <source>&amp;Follow up</source>
        <translation>跟进(&amp;F)</translation>
    </message>
    <message>
        <source>Continue or close the selected item on this day&apos;s page</source>
        <translation>在本日日志中继续跟进或办结所选事项</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Search case number, title or party name</source>
        <translation>搜索案号、案件名称或当事人姓名</translation>
    </message>
    <message>
        <source>Register a case…</source>
        <translation>登记案件…</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>{n} cases</source>
        <translation>共 {n} 件</translation>
    </message>
    <message>
        <source>Case numbers used twice: {numbers}. Two stations number from the same block; ask the station admin to set a distinct block.</source>
        <translation>案号重复：{numbers}。两个站点使用了同一案号段，请站点管理员为其中一个站点另设案号段。</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>Extend deadline…</source>
        <translation>延长调解期限…</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Show ID number</source>
        <translation>查看完整身份证号</translation>
    </message>
    <message>
        <source>Show phone</source>
        <translation>查看完整电话</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>调查与调解记录</translation>
    </message>
    <message>
        <source>New session record…</source>
        <translation>新建调解记录…</translation>
    </message>
    <message>
        <source>New investigation record…</source>
        <translation>新建调查记录…</translation>
    </message>
    <message>
        <source>Continue selected…</source>
        <translation>继续记录所选…</translation>
    </message>
    <message>
        <source>Agreement…</source>
        <translation>调解协议…</translation>
    </message>
    <message>
        <source>Follow-up visit…</source>
        <translation>回访…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print case file…</source>
        <translation>打印卷宗…</translation>
    </message>
    <message>
        <source>Judicial confirmation</source>
        <translation>司法确认</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理经过</translation>
    </message>
    <message>
        <source>Mediation deadline: {day}</source>
        <translation>调解期限：{day}</translation>
    </message>
    <message>
        <source>Judicial confirmation possible until: {day}</source>
        <translation>可申请司法确认至：{day}</translation>
    </message>
    <message>
        <source>Performance due: {day}</source>
        <translation>履行期限：{day}</translation>
    </message>
    <message>
        <source>State: {state}. Mediators: {mediators}. {deadline}</source>
        <translation>状态：{state}。调解员：{mediators}。{deadline}</translation>
    </message>
    <message>
        <source>→ {state}</source>
        <translation>→ {state}</translation>
    </message>
    <message>
        <source>Investigation</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>调解</translation>
    </message>
    <message>
        <source>{kind} {start} at {place}: {n} statements</source>
        <translation>{kind} {start} {place}：{n} 条记录</translation>
    </message>
    <message>
        <source>(on {day})</source>
        <translation>（实际日期 {day}）</translation>
    </message>
    <message>
        <source>Select a party in the table first.</source>
        <translation>请先在表格中选择一个当事人。</translation>
    </message>
    <message>
        <source>An organisation has no ID number.</source>
        <translation>单位当事人没有身份证号。</translation>
    </message>
    <message>
        <source>No ID number was recorded for this party.</source>
        <translation>该当事人未登记身份证号。</translation>
    </message>
    <message>
        <source>No phone number was recorded for this party.</source>
        <translation>该当事人未登记联系电话。</translation>
    </message>
    <message>
        <source>Shows the full value; every look is recorded in the audit log.</source>
        <translation>显示完整信息；每次查看都会记入审计日志。</translation>
    </message>
    <message>
        <source>Full value</source>
        <translation>完整信息</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>正在生成文书…</translation>
    </message>
    <message>
        <source>Preparing the case file…</source>
        <translation>正在生成卷宗…</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件名称</translation>
    </message>
    <message>
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Mediators</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>mediation</source>
        <translation>调解期限</translation>
    </message>
    <message>
        <source>judicial confirmation</source>
        <translation>司法确认期限</translation>
    </message>
    <message>
        <source>performance</source>
        <translation>履行</translation>
    </message>
    <message>
        <source>{days} days left</source>
        <translation>剩余 {days} 天</translation>
    </message>
    <message>
        <source>{days} days overdue</source>
        <translation>已超期 {days} 天</translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>主管部门</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>办理层级</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>可代办</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>本站不提供</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>提供</translation>
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
    <name>CataloguePage</name>
    <message>
        <source>Hide / offer again</source>
        <translation>隐藏 / 恢复提供</translation>
    </message>
    <message>
        <source>Station admins only: hide an item this station does not offer</source>
        <translation>仅站点管理员可操作：隐藏本站不提供的服务事项</translation>
    </message>
    <message>
        <source>Install catalogue file…</source>
        <translation>安装服务清单文件…</translation>
    </message>
    <message>
        <source>A newer catalogue published by the district (JSON)</source>
        <translation>区里发布的新版服务清单（JSON 文件）</translation>
    </message>
    <message>
        <source>Catalogue version {v}: {n} services offered</source>
        <translation>服务清单第 {v} 版：本站提供 {n} 项服务</translation>
    </message>
    <message>
        <source>Install catalogue file</source>
        <translation>安装服务清单文件</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Installed {n} services from the new catalogue.</source>
        <translation>已安装新版服务清单，共 {n} 项服务。</translation>
    </message>
    <message>
        <source>The station already has this catalogue version or a newer one; nothing was changed.</source>
        <translation>本站已有该版本或更新版本的服务清单，未作任何更改。</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>服务清单</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Choose your own password</source>
        <translation>设置自己的密码</translation>
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
        <source>The station admin set your password. Choose your own now: only you should know it.</source>
        <translation>您的密码是站点管理员设置的。请现在设置自己的密码：密码只应由您本人知道。</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>ClosedDayPanel</name>
    <message>
        <source>Closed (日清): the day is locked. Corrections are recorded beside the original.</source>
        <translation>已日清：本日日志已锁定，更正将与原记录并列保存。</translation>
    </message>
    <message>
        <source>&amp;Amend…</source>
        <translation>更正(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>撤回(&amp;W)…</translation>
    </message>
    <message>
        <source>Add &amp;forgotten item…</source>
        <translation>补记漏记事项(&amp;F)…</translation>
    </message>
    <message>
        <source>Select an item in the table first</source>
        <translation>请先在表格中选择一条事项</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Amend item {n}</source>
        <translation>更正第{n}项</translation>
    </message>
    <message>
        <source>Withdraw item {n}</source>
        <translation>撤回第{n}项</translation>
    </message>
    <message>
        <source>Add a forgotten item</source>
        <translation>补记漏记事项</translation>
    </message>
    <message>
        <source>The day is closed. The correction is recorded beside the original, which stays visible.</source>
        <translation>本日已日清。更正与原记录并列保存，原记录仍可查看。</translation>
    </message>
    <message>
        <source>The item stays visible, struck out, and no longer counts in summaries.</source>
        <translation>该事项仍以删除线显示，不再计入统计。</translation>
    </message>
    <message>
        <source>The item is added to the closed day and marked as added late.</source>
        <translation>该事项将补入已日清的日志，并标注为“补记”。</translation>
    </message>
    <message>
        <source>Required: why the closed day is corrected</source>
        <translation>必填：说明更正已日清日志的原因</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>保存更正</translation>
    </message>
    <message>
        <source>Withdraw item</source>
        <translation>撤回事项</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>补记事项</translation>
    </message>
</context>
<context>
    <name>DayHeader</name>
    <message>
        <source>代岗 (covering)</source>
        <translation>代岗</translation>
    </message>
    <message>
        <source>You write this page as backup leader for a grid that is not your own.</source>
        <translation>您以B角身份为非本人网格填写本日日志。</translation>
    </message>
    <message>
        <source>e.g. 08:30–11:30</source>
        <translation>如 08:30–11:30</translation>
    </message>
    <message>
        <source>Streets, buildings, shops on the round</source>
        <translation>巡查经过的街巷、楼栋、商铺</translation>
    </message>
    <message>
        <source>&amp;Grid:</source>
        <translation>网格(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Weather:</source>
        <translation>天气(&amp;W)：</translation>
    </message>
    <message>
        <source>Patrol per&amp;iod:</source>
        <translation>巡查时段(&amp;I)：</translation>
    </message>
    <message>
        <source>Patrol p&amp;eriod:</source>
        <translation type="vanished">巡查时段(&amp;E)：</translation>
    </message>
    <message>
        <source>Patrol &amp;route:</source>
        <translation>巡查路线(&amp;R)：</translation>
    </message>
    <message>
        <source>No diary yet</source>
        <translation>尚未填写</translation>
    </message>
    <message>
        <source>Closed (日清)</source>
        <translation>已日清</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Written by {name}</source>
        <translation>填写人：{name}</translation>
    </message>
</context>
<context>
    <name>DayItemsModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>处理措施</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>反馈结果</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation type="vanished">数量</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Added late</source>
        <translation>补记</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>{n} households ({m} special)</source>
        <translation>走访{n}户（特殊群体{m}户）</translation>
    </message>
    <message>
        <source>found {n}, rectified {m}</source>
        <translation>发现{n}处，整改{m}处</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Corrected after the day was closed.</source>
        <translation>日清后更正。</translation>
    </message>
    <message>
        <source>Original record: {text}</source>
        <translation>原记录：{text}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>DayPage</name>
    <message>
        <source>&amp;Start this day&apos;s diary</source>
        <translation type="vanished">开始填写本日日志(&amp;S)</translation>
    </message>
    <message>
        <source>Start this &amp;day&apos;s diary</source>
        <translation>开始填写本日日志(&amp;D)</translation>
    </message>
    <message>
        <source>Cop&amp;y from previous day</source>
        <translation>复制上一日(&amp;Y)</translation>
    </message>
    <message>
        <source>Copy the recurring rounds of your previous page (without results)</source>
        <translation>复制上一篇日志中的例行事项（不含反馈结果）</translation>
    </message>
    <message>
        <source>&amp;Delete item</source>
        <translation>删除事项(&amp;D)</translation>
    </message>
    <message>
        <source>Print day sheet…</source>
        <translation>打印日志…</translation>
    </message>
    <message>
        <source>Close the day (日清)…</source>
        <translation>日清…</translation>
    </message>
    <message>
        <source>&amp;Print day sheet…</source>
        <translation type="vanished">打印日志(&amp;P)…</translation>
    </message>
    <message>
        <source>What you plan for tomorrow</source>
        <translation>明天的工作安排</translation>
    </message>
    <message>
        <source>&amp;Close the day (日清)…</source>
        <translation type="vanished">日清(&amp;C)…</translation>
    </message>
    <message>
        <source>Tomorrow&apos;s p&amp;lan:</source>
        <translation>明日计划(&amp;L)：</translation>
    </message>
    <message>
        <source>There is no diary for this day yet.</source>
        <translation>这一天还没有工作日志。</translation>
    </message>
    <message>
        <source>Written by {name}; you can read and print it.</source>
        <translation>由{name}填写，您可以查看和打印。</translation>
    </message>
    <message>
        <source>Delete item</source>
        <translation>删除事项</translation>
    </message>
    <message>
        <source>Delete item {n}?

{text}</source>
        <translation>删除第{n}项？

{text}</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Copied {n} items from your previous page; fill in today&apos;s results.</source>
        <translation>已从上一篇日志复制{n}项，请填写今天的反馈结果。</translation>
    </message>
    <message>
        <source>There is no earlier page to copy from.</source>
        <translation>没有可复制的上一篇日志。</translation>
    </message>
    <message>
        <source>Save or clear the item in the editor before closing the day.</source>
        <translation>日清前请先保存或清空编辑区中的事项。</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日清</translation>
    </message>
    <message>
        <source>Close the diary of {date} with {n} items?

A closed day is locked: later corrections are recorded as amendments beside the original.</source>
        <translation>确认对{date}的日志（共{n}项）进行日清？

日清后日志即锁定，之后的更正将作为更正记录与原记录并列保存。</translation>
    </message>
    <message>
        <source>Work diary {date}</source>
        <translation>工作日志 {date}</translation>
    </message>
</context>
<context>
    <name>DaySheetPrinter</name>
    <message>
        <source>Preparing the day sheet…</source>
        <translation>正在生成日志…</translation>
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
    <name>DiaryArea</name>
    <message>
        <source>Day</source>
        <translation>当日</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Week summary</source>
        <translation>周结</translation>
    </message>
</context>
<context>
    <name>DiaryListModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>处理措施</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>反馈结果</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Corrected after the day was closed</source>
        <translation>日清后已更正</translation>
    </message>
    <message>
        <source>Added after the day was closed</source>
        <translation>日清后补记</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>added late</source>
        <translation>补记</translation>
    </message>
</context>
<context>
    <name>DiaryListPage</name>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部记录人</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>只看未办结</translation>
    </message>
    <message>
        <source>Export month as CSV…</source>
        <translation>导出本月 CSV…</translation>
    </message>
    <message>
        <source>Export month as Excel…</source>
        <translation>导出本月 Excel…</translation>
    </message>
    <message>
        <source>Monthly report…</source>
        <translation>月度报告…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>All my grids</source>
        <translation>我的全部网格</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>共 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>({n} shown; scroll for more)</source>
        <translation>（已显示 {n} 项，向下滚动加载更多）</translation>
    </message>
    <message>
        <source>{year}-{month:02d}, {grid}</source>
        <translation>{year}年{month}月，{grid}</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export the month</source>
        <translation>导出本月工作日志</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>{n} items saved as {path}.</source>
        <translation>已导出 {n} 项，保存为 {path}。</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>Monthly report {year}-{month:02d}</source>
        <translation>{year}年{month}月月度报告</translation>
    </message>
</context>
<context>
    <name>DiarySearchPage</name>
    <message>
        <source>Search the diary: place, what happened, what was done…</source>
        <translation>搜索工作日志：地点、问题、处理措施…</translation>
    </message>
    <message>
        <source>Type at least two characters.</source>
        <translation>请至少输入两个字。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Nothing found for “{query}”.</source>
        <translation>没有找到“{query}”。</translation>
    </message>
    <message>
        <source>The newest {n} results for “{query}”; add a word to narrow the search.</source>
        <translation>“{query}”的最新 {n} 条结果；请再加一个词缩小范围。</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>找到 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Discard input?</source>
        <translation>放弃输入？</translation>
    </message>
    <message>
        <source>What you typed in this window has not been saved. Close it and discard what you typed?</source>
        <translation>此窗口中输入的内容尚未保存。关闭窗口并放弃已输入的内容吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>EditRecordDialog</name>
    <message>
        <source>Correct and send again</source>
        <translation>更正后重新发送</translation>
    </message>
    <message>
        <source>The district did not accept this change: {reason}</source>
        <translation>区里未接受这项更改：{reason}</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EditorBox</name>
    <message>
        <source>&amp;New item</source>
        <translation>新事项(&amp;N)</translation>
    </message>
    <message>
        <source>Empty the editor for a new item (Esc)</source>
        <translation type="vanished">清空编辑区，录入新事项（Esc）</translation>
    </message>
    <message>
        <source>Empty the editor for a new item (Esc leaves editing an item)</source>
        <translation>清空编辑区，录入新事项（按 Esc 可退出修改）</translation>
    </message>
    <message>
        <source>Sa&amp;ve item</source>
        <translation>保存事项(&amp;V)</translation>
    </message>
    <message>
        <source>Enter in a one-line field, Ctrl+Enter in a text field</source>
        <translation>单行输入框中按 Enter，多行文本中按 Ctrl+Enter</translation>
    </message>
    <message>
        <source>Edit item {n}</source>
        <translation>修改第{n}项</translation>
    </message>
    <message>
        <source>Follow-up of: {item}</source>
        <translation>跟进：{item}</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>新事项</translation>
    </message>
    <message>
        <source>Sa&amp;ve changes</source>
        <translation>保存修改(&amp;V)</translation>
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
        <source>A grid leader needs a grid.</source>
        <translation>网格长须指定所属网格。</translation>
    </message>
    <message>
        <source>This station does not serve grid {grid}.</source>
        <translation>本站不负责网格 {grid}。</translation>
    </message>
    <message>
        <source>This account has been deactivated. Ask the station admin if you need it again.</source>
        <translation>该账号已停用。如需继续使用，请联系站点管理员。</translation>
    </message>
    <message>
        <source>This user no longer exists.</source>
        <translation>该用户已不存在。</translation>
    </message>
    <message>
        <source>Use “Change password” for your own password.</source>
        <translation>修改自己的密码请使用“修改密码”。</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>The station needs at least one active station admin.</source>
        <translation>服务站至少需保留一名在用的站点管理员。</translation>
    </message>
    <message>
        <source>You cannot change your own role.</source>
        <translation>不能修改自己的角色。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Wrong user name or password. {left} attempts left before the account locks.</source>
        <translation type="vanished">用户名或密码错误。再输错 {left} 次，账号将被锁定。</translation>
    </message>
    <message>
        <source>Too many failed attempts: the account is locked. Try again in {minutes} min.</source>
        <translation>登录失败次数过多，账号已锁定。请 {minutes} 分钟后再试。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
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
        <source>There is no station database in {path}. Check the data directory; nothing was created.</source>
        <translation>{path} 中没有服务站数据库。请检查数据目录；未创建任何文件。</translation>
    </message>
    <message>
        <source>{path} is a folder. Give a file name for the backup, e.g. {example}.</source>
        <translation>{path} 是一个文件夹。请为备份指定文件名，例如 {example}。</translation>
    </message>
    <message>
        <source>{path} already exists.</source>
        <translation>{path} 已存在。</translation>
    </message>
    <message>
        <source>Cannot write the backup {path}: {reason}</source>
        <translation>无法写入备份 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is a folder. Give the backup file inside it.</source>
        <translation>{path} 是一个文件夹。请指定其中的备份文件。</translation>
    </message>
    <message>
        <source>Backup file {path} not found.</source>
        <translation>找不到备份文件 {path}。</translation>
    </message>
    <message>
        <source>Cannot read the backup {path}: {reason}. Nothing was changed.</source>
        <translation>无法读取备份 {path}：{reason}。未作任何改动。</translation>
    </message>
    <message>
        <source>{path} is not a GridStation backup.</source>
        <translation>{path} 不是网格服务站工作台的备份文件。</translation>
    </message>
    <message>
        <source>The backup {path} was written by a newer GridStation (schema {found}, this program knows up to {latest}). Install the newer version; the database was not changed.</source>
        <translation>备份 {path} 由更新版本的网格服务站工作台写入（数据库结构版本 {found}，本程序最高支持 {latest}）。请安装新版本；数据库未作任何改动。</translation>
    </message>
    <message>
        <source>The backup {path} holds no set-up station (no station or no active admin user); restoring it would empty this station. Nothing was changed. To restore it anyway, use --force.</source>
        <translation>备份 {path} 中没有已设置的服务站（没有服务站信息或没有在用的管理员）；恢复它会清空本站。未作任何改动。如仍要恢复，请使用 --force。</translation>
    </message>
    <message>
        <source>Cannot restore into {path}: {reason}</source>
        <translation>无法恢复到 {path}：{reason}</translation>
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
        <source>The password must not contain the user name.</source>
        <translation>密码不能包含用户名。</translation>
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
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <source>The printer stopped before the last page.</source>
        <translation>打印机在最后一页之前停止了。</translation>
    </message>
    <message>
        <source>This day is closed (日清) and cannot be edited. Record a correction as an amendment instead.</source>
        <translation>本日已日清，不能再修改。请以更正方式记录。</translation>
    </message>
    <message>
        <source>Time “{value}” must look like 09:30.</source>
        <translation>时间“{value}”格式应为 09:30。</translation>
    </message>
    <message>
        <source>An item needs some text: what happened, what was done or the result.</source>
        <translation>事项需要填写内容：问题、处理措施或反馈结果。</translation>
    </message>
    <message>
        <source>There is already a diary for {date} in grid {grid}; open it instead.</source>
        <translation>网格 {grid} 在 {date} 已有工作日志，请打开该日志。</translation>
    </message>
    <message>
        <source>This diary page no longer exists.</source>
        <translation>该工作日志已不存在。</translation>
    </message>
    <message>
        <source>This diary item no longer exists.</source>
        <translation>该日志事项已不存在。</translation>
    </message>
    <message>
        <source>This item is no longer open.</source>
        <translation>该事项已办结。</translation>
    </message>
    <message>
        <source>Say why the closed day is corrected.</source>
        <translation>请说明更正已日清日志的原因。</translation>
    </message>
    <message>
        <source>The day is still open: edit the item directly.</source>
        <translation>本日尚未日清，请直接修改该事项。</translation>
    </message>
    <message>
        <source>This item was already corrected; amend the latest correction.</source>
        <translation>该事项已被更正，请对最新的更正记录进行更正。</translation>
    </message>
    <message>
        <source>The text is too long ({n} characters, at most {max}).</source>
        <translation>内容过长（{n}个字符，最多{max}个）。</translation>
    </message>
    <message>
        <source>The text contains control characters; remove them.</source>
        <translation>内容中含有控制字符，请删除。</translation>
    </message>
    <message>
        <source>A count must be between 0 and {max}.</source>
        <translation>数量须在 0 到 {max} 之间。</translation>
    </message>
    <message>
        <source>Unknown category “{value}”.</source>
        <translation>未知类别“{value}”。</translation>
    </message>
    <message>
        <source>Unknown hazard type “{value}”.</source>
        <translation>未知隐患类型“{value}”。</translation>
    </message>
    <message>
        <source>A hazard check needs a hazard type.</source>
        <translation>隐患排查须选择隐患类型。</translation>
    </message>
    <message>
        <source>Special-group households cannot exceed the households visited.</source>
        <translation>特殊群体户数不能超过走访户数。</translation>
    </message>
    <message>
        <source>Hazards rectified cannot exceed those found here and the {n} still open from before.</source>
        <translation>整改隐患数不能超过本次发现数与此前尚未整改的 {n} 处之和。</translation>
    </message>
    <message>
        <source>Hazards rectified cannot exceed hazards found.</source>
        <translation>整改隐患数不能超过发现隐患数。</translation>
    </message>
    <message>
        <source>{date} is in the future; a diary records work already done.</source>
        <translation>{date} 尚未到来；工作日志只记录已完成的工作。</translation>
    </message>
    <message>
        <source>The server address must start with https:// (plain http only for this PC).</source>
        <translation>服务器地址必须以 https:// 开头（仅本机地址可用 http）。</translation>
    </message>
    <message>
        <source>“{url}” is not a server address like https://sync.example.gov.cn.</source>
        <translation>“{url}”不是有效的服务器地址，应类似 https://sync.example.gov.cn。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified. Check the certificate authority file in the sync settings.</source>
        <translation>无法验证服务器证书。请检查同步设置中的证书颁发机构文件。</translation>
    </message>
    <message>
        <source>The district server cannot be reached. The data stays on this PC and will be sent when the connection is back.</source>
        <translation>无法连接区服务器。数据保留在本机，网络恢复后会自动上传。</translation>
    </message>
    <message>
        <source>The district server is busy or has a problem (HTTP {status}). Sync will try again.</source>
        <translation>区服务器繁忙或出现故障（HTTP {status}），稍后将自动重试同步。</translation>
    </message>
    <message>
        <source>The district server refused the request: {message}</source>
        <translation>区服务器拒绝了请求：{message}</translation>
    </message>
    <message>
        <source>The district server sent an answer this version cannot read. An update of GridStation may be needed.</source>
        <translation>区服务器返回的内容本版本无法识别，可能需要升级网格工作站。</translation>
    </message>
    <message>
        <source>Only a mediator or the grid&apos;s leader can deal with a problem of a mediation record.</source>
        <translation>调解记录的同步问题只能由人民调解员或本网格的网格员处理。</translation>
    </message>
    <message>
        <source>This sync problem was already dealt with.</source>
        <translation>该同步问题已处理。</translation>
    </message>
    <message>
        <source>The server sent no value to take.</source>
        <translation>服务器没有提供可采用的值。</translation>
    </message>
    <message>
        <source>The server sent no value to compare.</source>
        <translation>服务器没有提供可比较的值。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>The district deleted this record; take the district&apos;s value.</source>
        <translation>区里已删除该记录，请采用区里的值。</translation>
    </message>
    <message>
        <source>Only a refused change can be edited and re-sent.</source>
        <translation>只有被拒收的更改才能更正后重新发送。</translation>
    </message>
    <message>
        <source>The value of “{name}” is not valid.</source>
        <translation>“{name}”的值无效。</translation>
    </message>
    <message>
        <source>Only the diary&apos;s author can correct it.</source>
        <translation>工作日志只能由填写人本人更正。</translation>
    </message>
    <message>
        <source>This diary day is closed (日清) and can no longer be changed: send it again as it is, or do not send it.</source>
        <translation>这一天的日志已日清，不能再修改：请原样重新发送，或选择不发送。</translation>
    </message>
    <message>
        <source>This agreement has taken effect and can no longer be changed: send it again as it is, or do not send it.</source>
        <translation>该调解协议已生效，不能再修改：请原样重新发送，或选择不发送。</translation>
    </message>
    <message>
        <source>“{name}” cannot be read.</source>
        <translation>无法读取“{name}”。</translation>
    </message>
    <message>
        <source>“{name}” is not a photo or scan: attach a JPEG or PNG picture or a PDF.</source>
        <translation>“{name}”不是照片或扫描件：请附加 JPEG、PNG 图片或 PDF 文件。</translation>
    </message>
    <message>
        <source>“{name}” is empty.</source>
        <translation>“{name}”是空文件。</translation>
    </message>
    <message>
        <source>“{name}” is {size_mb} MB; an attachment may be at most {max_mb} MB. Take a smaller photo or scan at a lower resolution.</source>
        <translation>“{name}”有 {size_mb} MB，附件最大 {max_mb} MB。请拍摄较小的照片，或以较低分辨率扫描。</translation>
    </message>
    <message>
        <source>The ID number holds an impossible birth date: check the date digits.</source>
        <translation>身份证号码中的出生日期不存在：请核对日期数字。</translation>
    </message>
    <message>
        <source>The ID number is empty.</source>
        <translation>身份证号码为空。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters (digits, the last may be X); {count} characters were entered.</source>
        <translation>身份证号码为 18 位（数字，最后一位可以是 X），现输入了 {count} 位。</translation>
    </message>
    <message>
        <source>This is not a phone number: enter an 11-digit mobile number or a landline with its area code.</source>
        <translation>这不是电话号码：请输入 11 位手机号码，或带区号的固定电话。</translation>
    </message>
    <message>
        <source>The ID number&apos;s check digit is wrong: please check each digit.</source>
        <translation>身份证号码校验位不正确：请逐位核对。</translation>
    </message>
    <message>
        <source>The phone number is empty.</source>
        <translation>电话号码为空。</translation>
    </message>
    <message>
        <source>“{text}” is not a date like 2026-11-27.</source>
        <translation>“{text}”不是日期（格式如 2026-11-27）。</translation>
    </message>
    <message>
        <source>Mediation records are visible to mediators and the grid&apos;s leaders only.</source>
        <translation>人民调解记录仅限调解员和本网格网格员查看。</translation>
    </message>
    <message>
        <source>This mediation case no longer exists.</source>
        <translation>该调解案件已不存在。</translation>
    </message>
    <message>
        <source>The case needs a name (案件名称).</source>
        <translation>请填写案件名称。</translation>
    </message>
    <message>
        <source>The number of persons involved must be between 0 and 100000.</source>
        <translation>涉及人数应在 0 到 100000 之间。</translation>
    </message>
    <message>
        <source>Grid {grid} belongs to the people&apos;s mediation committee of another community ({committee}). This station numbers the cases of its own committee ({own}) only: register this case at that community&apos;s station.</source>
        <translation>网格 {grid} 属于其他社区（村）的人民调解委员会（{committee}）。本站只为本社区调委会（{own}）的案件编号：请到该社区的服务站登记此案件。</translation>
    </message>
    <message>
        <source>The case is archived and can no longer be changed.</source>
        <translation>案件已归档，不能再修改。</translation>
    </message>
    <message>
        <source>The agreement has taken effect; its parties can no longer change.</source>
        <translation>协议已生效，当事人不能再变更。</translation>
    </message>
    <message>
        <source>This party no longer exists.</source>
        <translation>该当事人已不存在。</translation>
    </message>
    <message>
        <source>Only a case being mediated has a deadline to extend.</source>
        <translation>只有正在调解的案件才能延长调解期限。</translation>
    </message>
    <message>
        <source>Name the party visited.</source>
        <translation>请填写回访对象。</translation>
    </message>
    <message>
        <source>A follow-up visit comes after the agreement is being performed (state “{state}”).</source>
        <translation>协议进入履行后才能回访（当前状态“{state}”）。</translation>
    </message>
    <message>
        <source>Only the station admin may change this setting.</source>
        <translation>只有站点管理员可以修改此设置。</translation>
    </message>
    <message>
        <source>Sessions and investigations are recorded while the case is accepted, investigated or mediated (now “{state}”).</source>
        <translation>案件受理、调查或调解期间才能制作调查、调解记录（当前状态“{state}”）。</translation>
    </message>
    <message>
        <source>This session record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>Say who is speaking.</source>
        <translation>请选择或填写发言人。</translation>
    </message>
    <message>
        <source>The statement is empty.</source>
        <translation>发言内容为空。</translation>
    </message>
    <message>
        <source>The agreement has taken effect and can no longer be changed.</source>
        <translation>协议已生效，不能再修改。</translation>
    </message>
    <message>
        <source>An agreement is recorded while the case is mediated (now “{state}”).</source>
        <translation>调解期间才能制作协议（当前状态“{state}”）。</translation>
    </message>
    <message>
        <source>The case has no agreement yet.</source>
        <translation>本案尚无调解协议。</translation>
    </message>
    <message>
        <source>A signature names someone who is not a party of this case.</source>
        <translation>签名人不是本案当事人。</translation>
    </message>
    <message>
        <source>An oral agreement takes effect when made; there is nothing to sign.</source>
        <translation>口头协议自达成时生效，无需签名。</translation>
    </message>
    <message>
        <source>No case {case_no} on this station.</source>
        <translation>本站没有案件 {case_no}。</translation>
    </message>
    <message>
        <source>Unknown case state “{state}”.</source>
        <translation>未知的案件状态“{state}”。</translation>
    </message>
    <message>
        <source>A case in state “{source}” cannot move to “{target}”.</source>
        <translation>处于“{source}”状态的案件不能转为“{target}”。</translation>
    </message>
    <message>
        <source>Say why the case is not accepted.</source>
        <translation>请填写不予受理的理由。</translation>
    </message>
    <message>
        <source>Record the agreement first.</source>
        <translation>请先制作调解协议。</translation>
    </message>
    <message>
        <source>The written agreement has not taken effect: record every signature and the committee&apos;s seal first.</source>
        <translation>书面协议尚未生效：请先登记全部签名和人民调解委员会印章。</translation>
    </message>
    <message>
        <source>Say why the mediation is terminated.</source>
        <translation>请填写终止调解的理由。</translation>
    </message>
    <message>
        <source>Record that the parties were told of arbitration, administrative and court routes (law art. 26).</source>
        <translation>请记录已告知当事人可通过仲裁、行政、司法途径维权（人民调解法第二十六条）。</translation>
    </message>
    <message>
        <source>Say who withdrew the application for mediation (撤回人).</source>
        <translation>请填写撤回调解申请的当事人（撤回人）。</translation>
    </message>
    <message>
        <source>Say why the application for mediation is withdrawn (撤回理由).</source>
        <translation>请填写撤回调解申请的理由（撤回理由）。</translation>
    </message>
    <message>
        <source>Record a follow-up visit before closing.</source>
        <translation>结案前请先登记回访。</translation>
    </message>
    <message>
        <source>The case has no applicant (申请人).</source>
        <translation>本案没有申请人。</translation>
    </message>
    <message>
        <source>The case has no respondent (被申请人).</source>
        <translation>本案没有被申请人。</translation>
    </message>
    <message>
        <source>The agreement has no clause.</source>
        <translation>调解协议没有任何条款。</translation>
    </message>
    <message>
        <source>The written agreement does not state the manner of performance (履行方式, law art. 29).</source>
        <translation>书面调解协议未载明履行方式（《人民调解法》第二十九条）。</translation>
    </message>
    <message>
        <source>The written agreement has no performance deadline (履行期限, law art. 29): choose the date, or write 当场履行 as the manner of performance when it is performed on signing.</source>
        <translation>书面调解协议未载明履行期限（《人民调解法》第二十九条）：请选择日期；签订时当场履行的，履行方式填写“当场履行”。</translation>
    </message>
    <message>
        <source>An extension is 1 to {max} days in all.</source>
        <translation>延长期限合计为 1 到 {max} 天。</translation>
    </message>
    <message>
        <source>Record the parties&apos; consent to the extension.</source>
        <translation>请记录当事人同意延长的情况。</translation>
    </message>
    <message>
        <source>The registration date (登记日期) {day} is in the future; today is {today}.</source>
        <translation>登记日期 {day} 晚于今天（今天是 {today}）。</translation>
    </message>
    <message>
        <source>The registration date (登记日期) {day} is more than {days} days ago; only a case received within the last year can be registered late.</source>
        <translation>登记日期 {day} 已超过 {days} 天；只能补登一年内受理的案件。</translation>
    </message>
    <message>
        <source>The agreement&apos;s effective date (生效日期) {day} is in the future; today is {today}.</source>
        <translation>协议生效日期 {day} 晚于今天（今天是 {today}）。</translation>
    </message>
    <message>
        <source>The agreement&apos;s effective date (生效日期) {day} is before the case was accepted ({start}).</source>
        <translation>协议生效日期 {day} 早于案件受理日期（{start}）。</translation>
    </message>
    <message>
        <source>The performance deadline (履行期限) {day} is before the case was registered ({start}).</source>
        <translation>履行期限 {day} 早于案件登记日期（{start}）。</translation>
    </message>
    <message>
        <source>The follow-up visit date (回访日期) {day} is in the future; today is {today}.</source>
        <translation>回访日期 {day} 晚于今天（今天是 {today}）。</translation>
    </message>
    <message>
        <source>The follow-up visit date (回访日期) {day} is before the case was accepted ({start}).</source>
        <translation>回访日期 {day} 早于案件受理日期（{start}）。</translation>
    </message>
    <message>
        <source>The date of this step {day} is in the future; today is {today}.</source>
        <translation>办理日期 {day} 晚于今天（今天是 {today}）。</translation>
    </message>
    <message>
        <source>The date of this step {day} is before the case was registered ({start}).</source>
        <translation>办理日期 {day} 早于案件登记日期（{start}）。</translation>
    </message>
    <message>
        <source>Unknown value “{value}” for {name}.</source>
        <translation>{name} 的取值“{value}”无效。</translation>
    </message>
    <message>
        <source>The amount involved (涉及金额) must be yuan in digits, such as 1800 or 1,800.50; “{value}” is not.</source>
        <translation>涉及金额应以数字填写元数，如 1800 或 1,800.50；“{value}”不符合要求。</translation>
    </message>
    <message>
        <source>The amount involved (涉及金额) has more than two decimals (“{value}”): enter yuan and fen only.</source>
        <translation>涉及金额（“{value}”）超过两位小数：只能精确到分。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount in yuan.</source>
        <translation type="vanished">“{value}”不是有效的金额（元）。</translation>
    </message>
    <message>
        <source>The amount must be between 0 and 100,000,000,000 yuan.</source>
        <translation>金额应在 0 到 1000 亿元之间。</translation>
    </message>
    <message>
        <source>At most {max} clauses.</source>
        <translation>协议条款最多 {max} 条。</translation>
    </message>
    <message>
        <source>This is not the code of a GridStation mediation agreement.</source>
        <translation>这不是本系统调解协议书的核验码。</translation>
    </message>
    <message>
        <source>The agreement has no party.</source>
        <translation>协议没有当事人。</translation>
    </message>
    <message>
        <source>The agreement cannot take effect yet; still missing: {missing}.</source>
        <translation>协议尚不能生效，还缺少：{missing}。</translation>
    </message>
    <message>
        <source>“{text}” is not a case number like （2026）人调字第 1001 号.</source>
        <translation>“{text}”不是形如（2026）人调字第 1001 号的案号。</translation>
    </message>
    <message>
        <source>“{grid}” is not a grid code.</source>
        <translation>“{grid}”不是网格编码。</translation>
    </message>
    <message>
        <source>The station serves no numbered grid; set its case-number block in the settings.</source>
        <translation>本站没有带编号的网格，请在设置中指定案号段。</translation>
    </message>
    <message>
        <source>The case-number block must be between 1 and {max}.</source>
        <translation>案号段应在 1 到 {max} 之间。</translation>
    </message>
    <message>
        <source>This station has used all {count} case numbers of the year.</source>
        <translation>本站今年的 {count} 个案号已全部用完。</translation>
    </message>
    <message>
        <source>The party&apos;s name is empty.</source>
        <translation>当事人姓名（名称）为空。</translation>
    </message>
    <message>
        <source>An organisation has no resident ID number; record its legal representative instead.</source>
        <translation>单位没有居民身份证号，请填写法定代表人。</translation>
    </message>
    <message>
        <source>Sex must be 男 or 女.</source>
        <translation>性别应为男或女。</translation>
    </message>
    <message>
        <source>The age must be between 0 and 150.</source>
        <translation>年龄应在 0 到 150 之间。</translation>
    </message>
    <message>
        <source>An organisation needs its legal representative (法定代表人).</source>
        <translation>单位当事人须填写法定代表人。</translation>
    </message>
    <message>
        <source>The sex (性别) does not match the ID number, whose 17th digit is odd for 男 and even for 女: check both.</source>
        <translation>性别与身份证号码不符（第17位奇数为男、偶数为女），请核对两项。</translation>
    </message>
    <message>
        <source>Service item {code} is not in the catalogue.</source>
        <translation>服务清单中没有编号为 {code} 的事项。</translation>
    </message>
    <message>
        <source>This service record no longer exists.</source>
        <translation>该帮代办记录已不存在。</translation>
    </message>
    <message>
        <source>This record is closed ({status}) and can no longer be changed.</source>
        <translation>该记录已{status}，不能再修改。</translation>
    </message>
    <message>
        <source>The completion date ({date}) is before the date received.</source>
        <translation>办结日期（{date}）早于受理日期。</translation>
    </message>
    <message>
        <source>Catalogue {where}: &quot;{name}&quot; must be text of 1 to {limit} characters.</source>
        <translation>服务清单 {where}：“{name}”须为 1 至 {limit} 个字符的文字。</translation>
    </message>
    <message>
        <source>Catalogue {where}: not a JSON object.</source>
        <translation>服务清单 {where}：不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Catalogue {where}: &quot;version&quot; must be a whole number from 1.</source>
        <translation>服务清单 {where}：“version”须为不小于 1 的整数。</translation>
    </message>
    <message>
        <source>Catalogue {where}: &quot;items&quot; must be a non-empty list.</source>
        <translation>服务清单 {where}：“items”须为非空列表。</translation>
    </message>
    <message>
        <source>Catalogue {where}: the code is used twice.</source>
        <translation>服务清单 {where}：编码重复。</translation>
    </message>
    <message>
        <source>Catalogue {where}: &quot;materials&quot; must be a list of at most {n} texts.</source>
        <translation>服务清单 {where}：“materials”须为最多 {n} 项文字的列表。</translation>
    </message>
    <message>
        <source>Catalogue {where}: &quot;time_limit&quot; must be {{&quot;days&quot;: 0 to {n}, &quot;kind&quot;: &quot;working&quot; or &quot;calendar&quot;}}.</source>
        <translation>服务清单 {where}：“time_limit”须为 {{&quot;days&quot;: 0 至 {n}, &quot;kind&quot;: &quot;working&quot; 或 &quot;calendar&quot;}}。</translation>
    </message>
    <message>
        <source>Catalogue {where}: &quot;proxy&quot; must be true or false.</source>
        <translation>服务清单 {where}：“proxy”须为 true 或 false。</translation>
    </message>
    <message>
        <source>The result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>The note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The resident&apos;s name</source>
        <translation>居民姓名</translation>
    </message>
    <message>
        <source>The text</source>
        <translation>文字内容</translation>
    </message>
    <message>
        <source>{label} is too long: at most {limit} characters, {count} entered.</source>
        <translation>{label}过长：最多 {limit} 个字，已输入 {count} 个字。</translation>
    </message>
    <message>
        <source>{label} holds control characters; please retype it.</source>
        <translation>{label}含有控制字符，请重新输入。</translation>
    </message>
    <message>
        <source>Enter the resident&apos;s name.</source>
        <translation>请填写居民姓名。</translation>
    </message>
    <message>
        <source>Service item &quot;{name}&quot; was retired from the catalogue; choose a current item.</source>
        <translation>服务事项“{name}”已从清单中停用，请选择现行事项。</translation>
    </message>
    <message>
        <source>This station does not offer &quot;{name}&quot; (hidden by the station admin).</source>
        <translation>本站不提供“{name}”（已由站点管理员隐藏）。</translation>
    </message>
    <message>
        <source>&quot;{material}&quot; is not a material of &quot;{name}&quot;.</source>
        <translation>“{material}”不是“{name}”的所需材料。</translation>
    </message>
    <message>
        <source>The date received ({date}) is in the future.</source>
        <translation>受理日期（{date}）晚于今天。</translation>
    </message>
    <message>
        <source>The promised date ({promised}) is before the date received ({received}).</source>
        <translation>承诺办结日期（{promised}）早于受理日期（{received}）。</translation>
    </message>
    <message>
        <source>A record in status {current} cannot move to {new}.</source>
        <translation>处于“{current}”状态的记录不能变更为“{new}”。</translation>
    </message>
    <message>
        <source>Enter the result before closing the record as {new}.</source>
        <translation>请先填写办理结果，再将记录标记为“{new}”。</translation>
    </message>
    <message>
        <source>The notice-board sheet would show a resident&apos;s personal data (in {where}). Notice boards carry public information only: remove it and try again.</source>
        <translation type="vanished">公示材料中含有居民个人信息（位于 {where}）。公示栏只能张贴公开信息，请删除后重试。</translation>
    </message>
    <message>
        <source>The notice-board sheet would show a resident&apos;s personal data in {place}. Notice boards carry public information only: remove it and try again.</source>
        <translation>公示材料的{place}中含有居民个人信息。公示栏只能张贴公开信息，请删除后重试。</translation>
    </message>
    <message>
        <source>The notice-board sheet would show a resident&apos;s personal data in {place} {n}. Notice boards carry public information only: remove it and try again.</source>
        <translation>公示材料第{n}{place}中含有居民个人信息。公示栏只能张贴公开信息，请删除后重试。</translation>
    </message>
    <message>
        <source>The notice-board sheet ties &quot;{term}&quot; to a person in {place}. A notice board must not show who belongs to a special group or has a health condition: write about the topic without pointing at anyone (no name, not even an anonymised or masked one) and try again.</source>
        <translation>公示材料的{place}中把“{term}”与具体的人联系在一起。公示栏不得显示谁属于特殊群体或患有疾病：请只介绍相关知识和政策，不要指向任何人（包括“张某”“李××”等化名或遮挡后的姓名），然后重试。</translation>
    </message>
    <message>
        <source>The notice-board sheet ties &quot;{term}&quot; to a person in {place} {n}. A notice board must not show who belongs to a special group or has a health condition: write about the topic without pointing at anyone (no name, not even an anonymised or masked one) and try again.</source>
        <translation>公示材料第{n}{place}中把“{term}”与具体的人联系在一起。公示栏不得显示谁属于特殊群体或患有疾病：请只介绍相关知识和政策，不要指向任何人（包括“张某”“李××”等化名或遮挡后的姓名），然后重试。</translation>
    </message>
    <message>
        <source>the title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>the slogan</source>
        <translation>标语</translation>
    </message>
    <message>
        <source>the station&apos;s name</source>
        <translation>服务站名称</translation>
    </message>
    <message>
        <source>the grid&apos;s name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <source>the grid&apos;s area</source>
        <translation>网格范围</translation>
    </message>
    <message>
        <source>the opening hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <source>the supervision phone</source>
        <translation>监督电话</translation>
    </message>
    <message>
        <source>the contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>the summary&apos;s lines</source>
        <translation>统计项目</translation>
    </message>
    <message>
        <source>the heading of section</source>
        <translation>段标题</translation>
    </message>
    <message>
        <source>the text of section</source>
        <translation>段正文</translation>
    </message>
    <message>
        <source>the duties of grid worker</source>
        <translation>位网格员的职责</translation>
    </message>
    <message>
        <source>the details of grid worker</source>
        <translation>位网格员的信息</translation>
    </message>
    <message>
        <source>service item</source>
        <translation>项服务事项</translation>
    </message>
    <message>
        <source>the sheet&apos;s text</source>
        <translation>文字内容</translation>
    </message>
    <message>
        <source>The photo file {name} cannot be read.</source>
        <translation>无法读取照片文件 {name}。</translation>
    </message>
    <message>
        <source>The photo {name} is {mb} MB; a photo may be at most {limit} MB. Choose a smaller picture.</source>
        <translation>照片 {name} 大小为 {mb} MB，照片最大 {limit} MB，请选择较小的图片。</translation>
    </message>
    <message>
        <source>{name} is not a picture GridStation can print: choose a JPEG or PNG photo.</source>
        <translation>{name} 不是可打印的图片，请选择 JPEG 或 PNG 格式的照片。</translation>
    </message>
    <message>
        <source> or print it on A3</source>
        <translation>，或改用 A3 纸打印</translation>
    </message>
    <message>
        <source>The text is too long to fit one {paper} page at a readable size. Shorten it{larger}.</source>
        <translation>内容过长，无法以可读字号排在一张 {paper} 纸上。请精简内容{larger}。</translation>
    </message>
    <message>
        <source>The catalogue file cannot be read as JSON ({problem}).</source>
        <translation>无法按 JSON 格式读取服务清单文件（{problem}）。</translation>
    </message>
    <message>
        <source>No grid worker is assigned to {grid}, so its information card would show no one. Give the grid its leader in the user accounts first.</source>
        <translation>{grid}还没有网格员，网格信息公示牌上将没有任何人。请先在用户管理中为该网格指定网格长。</translation>
    </message>
    <message>
        <source>The legal publicity sheet has no title and no text. Enter both (or start from a sample) before printing.</source>
        <translation>法治宣传材料没有标题和正文。请填写标题和正文（或从范文开始）后再打印。</translation>
    </message>
    <message>
        <source>The legal publicity sheet has no title. Enter a title before printing.</source>
        <translation>法治宣传材料没有标题。请填写标题后再打印。</translation>
    </message>
    <message>
        <source>The legal publicity sheet has no text. Enter at least one section (its first line is the heading) before printing.</source>
        <translation>法治宣传材料没有正文。请至少填写一段（每段第一行为小标题）后再打印。</translation>
    </message>
    <message>
        <source>The admin password is not valid UTF-8 text; check the terminal&apos;s or file&apos;s encoding.</source>
        <translation>管理员密码不是有效的 UTF-8 文本；请检查终端或文件的编码。</translation>
    </message>
    <message>
        <source>{option} is not valid UTF-8 text: {value}</source>
        <translation>{option} 不是有效的 UTF-8 文本：{value}</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <source>Extend the mediation deadline</source>
        <translation>延长调解期限</translation>
    </message>
    <message>
        <source>e.g. 双方当事人于11月27日口头同意延长</source>
        <translation>例如：双方当事人于11月27日口头同意延长</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Parties&apos; consent</source>
        <translation>当事人同意情况</translation>
    </message>
</context>
<context>
    <name>FileProblem</name>
    <message>
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>that is a folder, not a file</source>
        <translation>这是一个文件夹，不是文件</translation>
    </message>
    <message>
        <source>the file is open in another program (close it there, e.g. in Excel or WPS), or the folder may not be written to</source>
        <translation>文件正被其他程序打开（请先在 Excel 或 WPS 等程序中关闭），或该文件夹不允许写入</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
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
        <source>Work diary (工作日志)</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <source>Open today&apos;s diary</source>
        <translation>打开今日日志</translation>
    </message>
    <message>
        <source>Double-click to follow the item up on today&apos;s page</source>
        <translation>双击在今日日志中跟进该事项</translation>
    </message>
    <message>
        <source>Today: no diary page yet.</source>
        <translation>今日：尚未填写工作日志。</translation>
    </message>
    <message>
        <source>Today: closed (日清), {n} items.</source>
        <translation>今日：已日清，共{n}项。</translation>
    </message>
    <message>
        <source>Today: draft with {n} items, not closed yet.</source>
        <translation>今日：草稿，已录{n}项，尚未日清。</translation>
    </message>
    <message>
        <source>Start today&apos;s diary</source>
        <translation>开始填写今日日志</translation>
    </message>
    <message>
        <source>Open diary items ({n}):</source>
        <translation>未办结的日志事项（{n}）：</translation>
    </message>
    <message>
        <source>No open diary items.</source>
        <translation>没有未办结的日志事项。</translation>
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
        <source>[District] {title}</source>
        <translation>【区交办】{title}</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>截止 {date}</translation>
    </message>
    <message>
        <source>Assigned by the district</source>
        <translation>区级交办事项</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>IssueCard</name>
    <message>
        <source>Changed on this station and at the district at the same time. Choose which value to keep.</source>
        <translation>本站和区里同时修改了此记录，请选择保留哪个值。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>This station&apos;s value</source>
        <translation>本站的值</translation>
    </message>
    <message>
        <source>The district&apos;s value</source>
        <translation>区里的值</translation>
    </message>
    <message>
        <source>Keep this station&apos;s value</source>
        <translation>保留本站的值</translation>
    </message>
    <message>
        <source>Take the district&apos;s value</source>
        <translation>采用区里的值</translation>
    </message>
    <message>
        <source>The district did not accept this change: {reason}</source>
        <translation>区里未接受此更改：{reason}</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Correct and send again…</source>
        <translation>更正后重新发送…</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>不发送</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>HH:MM</source>
        <translation>时:分</translation>
    </message>
    <message>
        <source>e.g. Building 3, Xinxing Road</source>
        <translation>如 新兴路3号楼</translation>
    </message>
    <message>
        <source>What was found or reported</source>
        <translation>发现或反映的问题</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>采取的处理措施</translation>
    </message>
    <message>
        <source>Result, feedback</source>
        <translation>处理结果、反馈</translation>
    </message>
    <message>
        <source>Still &amp;open (carried over)</source>
        <translation>未办结（遗留）(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Escalated</source>
        <translation>已上报(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <source>Ha&amp;zard type</source>
        <translation>隐患类型(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Hazard type</source>
        <translation type="vanished">隐患类型(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>时间(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>地点(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;roblem</source>
        <translation type="vanished">问题(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Action taken</source>
        <translation>处理措施(&amp;A)</translation>
    </message>
    <message>
        <source>Res&amp;ult</source>
        <translation>反馈结果(&amp;U)</translation>
    </message>
    <message>
        <source>Pro&amp;blem</source>
        <translation>问题(&amp;B)</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>走访户数</translation>
    </message>
    <message>
        <source>of them special groups</source>
        <translation>其中特殊群体</translation>
    </message>
    <message>
        <source>Hazards found</source>
        <translation>发现隐患</translation>
    </message>
    <message>
        <source>rectified</source>
        <translation>已整改</translation>
    </message>
</context>
<context>
    <name>LengthHint</name>
    <message>
        <source>{count} of {limit} characters: {over} too many</source>
        <translation>已输入 {count}/{limit} 字，超出 {over} 字</translation>
    </message>
    <message>
        <source>{count} of {limit} characters</source>
        <translation>已输入 {count}/{limit} 字</translation>
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
    <message>
        <source>Choose your own password to sign in: the one the station admin set works only until then.</source>
        <translation>请设置自己的密码后登录：管理员设置的密码只在此之前有效。</translation>
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
        <source>Work diary</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <source>Mediation</source>
        <translation>人民调解</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>便民服务</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>数据同步</translation>
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
        <translation type="vanished">待同步更改：{n} 条</translation>
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
        <translation type="vanished">网格服务站工作台 {version}
社区网格服务站日常工作软件

数据目录：{data}
日志文件：{log}</translation>
    </message>
    <message>
        <source>About GridStation</source>
        <translation type="vanished">关于网格服务站工作台</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="vanished">（未设置）</translation>
    </message>
</context>
<context>
    <name>MediationArea</name>
    <message>
        <source>Cases</source>
        <translation>案件列表</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Check agreement code…</source>
        <translation>核验协议书…</translation>
    </message>
</context>
<context>
    <name>MediationDeadlines</name>
    <message>
        <source>Mediation deadlines (人民调解期限)</source>
        <translation>人民调解期限提醒</translation>
    </message>
    <message>
        <source>mediation deadline</source>
        <translation>调解期限</translation>
    </message>
    <message>
        <source>judicial confirmation window</source>
        <translation>司法确认申请期限</translation>
    </message>
    <message>
        <source>performance deadline</source>
        <translation>履行期限</translation>
    </message>
    <message>
        <source>{days} days left</source>
        <translation>剩余 {days} 天</translation>
    </message>
    <message>
        <source>{days} days overdue</source>
        <translation>已超期 {days} 天</translation>
    </message>
    <message>
        <source>No mediation deadline within a week.</source>
        <translation>一周内没有到期的调解案件。</translation>
    </message>
</context>
<context>
    <name>NoticeBoardPage</name>
    <message>
        <source>Grid information card</source>
        <translation>网格信息公示牌</translation>
    </message>
    <message>
        <source>Service checklist poster</source>
        <translation>便民服务清单</translation>
    </message>
    <message>
        <source>Legal publicity sheet</source>
        <translation>法治宣传栏</translation>
    </message>
    <message>
        <source>Monthly public summary</source>
        <translation>月度工作公示</translation>
    </message>
    <message>
        <source>One section per paragraph: its first line is the heading; a blank line starts the next section</source>
        <translation>每段一节：第一行为标题；空一行开始下一节</translation>
    </message>
    <message>
        <source>Preview and print…</source>
        <translation>预览并打印…</translation>
    </message>
    <message>
        <source>Notice-board information…</source>
        <translation>公示信息设置…</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>公示材料</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>参考范文</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>NoticeProfileDialog</name>
    <message>
        <source>Notice-board information</source>
        <translation>公示信息设置</translation>
    </message>
    <message>
        <source>One duty per line; empty for the standard duties</source>
        <translation>每行一条职责；留空则使用标准职责</translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <source>Station phone</source>
        <translation>服务站电话</translation>
    </message>
    <message>
        <source>Supervision phone</source>
        <translation>监督电话</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Area of the grid</source>
        <translation>网格范围</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Work phone</source>
        <translation>工作电话</translation>
    </message>
    <message>
        <source>Duties</source>
        <translation>工作职责</translation>
    </message>
    <message>
        <source>Photo on file</source>
        <translation>已有照片</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Choose photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>PartiesModel</name>
    <message>
        <source>Side</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名（名称）</translation>
    </message>
    <message>
        <source>Sex / age</source>
        <translation>性别 / 年龄</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
</context>
<context>
    <name>PartyDialog</name>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>(from the ID number)</source>
        <translation>（按身份证号）</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名（名称）</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Occupation or post</source>
        <translation>职业或职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address or work unit</source>
        <translation>住址或工作单位</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>委托代理人</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview: {title}</source>
        <translation>预览：{title}</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>第 {n} 页</translation>
    </message>
    <message>
        <source>This PDF cannot be shown.</source>
        <translation>无法显示此 PDF 文件。</translation>
    </message>
    <message>
        <source>A page could not be shown.</source>
        <translation>有一页无法显示。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>已保存为 {path}。</translation>
    </message>
    <message>
        <source>The PDF could not be saved as {path}: {reason}. Choose another place or name and save again.</source>
        <translation>无法将 PDF 保存为 {path}：{reason}。请换一个位置或文件名后重新保存。</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>This attachment cannot be shown here (it is not a picture).</source>
        <translation>此附件无法在这里显示（不是图片）。</translation>
    </message>
</context>
<context>
    <name>PhotosBox</name>
    <message>
        <source>Photos:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <source>Attach p&amp;hoto…</source>
        <translation type="vanished">附加照片(&amp;H)…</translation>
    </message>
    <message>
        <source>Attach photo…</source>
        <translation>附加照片…</translation>
    </message>
    <message>
        <source>A JPEG or PNG photo or a PDF scan of up to 20 MB</source>
        <translation>JPEG 或 PNG 照片，或 PDF 扫描件，最大 20 MB</translation>
    </message>
    <message>
        <source>Photos: {n}</source>
        <translation>照片：{n} 张</translation>
    </message>
    <message>
        <source>This photo has not arrived from the district server yet.</source>
        <translation>这张照片尚未从区服务器传到本机。</translation>
    </message>
    <message>
        <source>Attach a photo or scan</source>
        <translation>附加照片或扫描件</translation>
    </message>
    <message>
        <source>Photos and scans (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>照片和扫描件 (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
</context>
<context>
    <name>QrCheckDialog</name>
    <message>
        <source>Check a printed agreement</source>
        <translation>核验调解协议书</translation>
    </message>
    <message>
        <source>Scan the QR code or type its text (GSMED1|…)</source>
        <translation>扫描二维码或输入其内容（GSMED1|…）</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>核验码</translation>
    </message>
    <message>
        <source>Matches: the agreement of {case_no} is as recorded.</source>
        <translation>一致：{case_no} 的协议与系统记录相符。</translation>
    </message>
    <message>
        <source>Does NOT match: the agreement of {case_no} differs from the record (altered printout or changed record).</source>
        <translation>不一致：{case_no} 的协议与系统记录不符（打印件被改动或记录已变更）。</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register a mediation case</source>
        <translation>登记调解案件</translation>
    </message>
    <message>
        <source>e.g. 张某与李某漏水纠纷</source>
        <translation>例如：张某与李某漏水纠纷</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>Prevents escalation to crime (防止民转刑)</source>
        <translation>防止民转刑</translation>
    </message>
    <message>
        <source>Prevents a mass petition (防止群体性上访)</source>
        <translation>防止群体性上访</translation>
    </message>
    <message>
        <source>Add party…</source>
        <translation>添加当事人…</translation>
    </message>
    <message>
        <source>Remove party</source>
        <translation>删除当事人</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Case name</source>
        <translation>案件名称</translation>
    </message>
    <message>
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Case source</source>
        <translation>案件来源</translation>
    </message>
    <message>
        <source>Brief facts</source>
        <translation>纠纷简要情况</translation>
    </message>
    <message>
        <source>Amount involved</source>
        <translation>涉及金额</translation>
    </message>
    <message>
        <source>Mediators</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Persons involved</source>
        <translation>涉及人数</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
</context>
<context>
    <name>RegisterServiceDialog</name>
    <message>
        <source>Register a service</source>
        <translation>受理服务</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <source>Resident&apos;s name</source>
        <translation>居民姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Date received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Materials received</source>
        <translation>已收材料</translation>
    </message>
    <message>
        <source>Promised date</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>&amp;Temporary password:</source>
        <translation>临时密码(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Confirm password:</source>
        <translation>确认密码(&amp;C)：</translation>
    </message>
    <message>
        <source>Give the user this password in person and ask them to change it after signing in (Session ▸ Change password). Resetting also ends a lockout.</source>
        <translation>请当面将此密码告知该用户，并提醒其登录后立即修改（会话 ▸ 修改密码）。重置密码同时解除账号锁定。</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>ResidentDialog</name>
    <message>
        <source>Correct the resident&apos;s details</source>
        <translation>更正居民信息</translation>
    </message>
    <message>
        <source>Remove the phone</source>
        <translation>删除电话</translation>
    </message>
    <message>
        <source>Remove the ID number</source>
        <translation>删除身份证号</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <source>Resident&apos;s name</source>
        <translation>居民姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Unchanged: {value}</source>
        <translation>不变：{value}</translation>
    </message>
    <message>
        <source>None recorded</source>
        <translation>未登记</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change role and grid</source>
        <translation>修改角色和网格</translation>
    </message>
    <message>
        <source>(no grid)</source>
        <translation>（无网格）</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
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
        <source>Grid leaders (A and B role) need a grid.</source>
        <translation>网格长（A角、B角）须指定所属网格。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
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
    <name>SearchModel</name>
    <message>
        <source>Day page</source>
        <translation>日志页</translation>
    </message>
</context>
<context>
    <name>ServiceDeadlinesLabel</name>
    <message>
        <source>Services (帮代办): {overdue} overdue, {soon} due soon</source>
        <translation>帮代办：逾期 {overdue} 件，临期 {soon} 件</translation>
    </message>
</context>
<context>
    <name>ServiceListPage</name>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Open records</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Resident or service</source>
        <translation>居民姓名或服务事项</translation>
    </message>
    <message>
        <source>Register a service…</source>
        <translation>受理服务…</translation>
    </message>
    <message>
        <source>Start handling</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>办结 / 退回 / 转办…</translation>
    </message>
    <message>
        <source>Satisfaction…</source>
        <translation>满意度…</translation>
    </message>
    <message>
        <source>Record the resident&apos;s satisfaction with a closed record</source>
        <translation>记录居民对已办结事项的满意度</translation>
    </message>
    <message>
        <source>Print receipt…</source>
        <translation>打印受理回执…</translation>
    </message>
    <message>
        <source>Correct resident…</source>
        <translation>更正居民信息…</translation>
    </message>
    <message>
        <source>Put right the resident&apos;s name, phone or ID number</source>
        <translation>更正居民的姓名、电话或身份证号</translation>
    </message>
    <message>
        <source>Show phone and ID</source>
        <translation>查看完整电话和身份证号</translation>
    </message>
    <message>
        <source>Shows the full values; this is written to the audit log</source>
        <translation>显示完整信息；此操作将记入审计日志</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <source>Resident&apos;s satisfaction</source>
        <translation>居民满意度</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>Resident&apos;s contact</source>
        <translation>居民联系方式</translation>
    </message>
    <message>
        <source>{name}
Phone: {phone}
ID number: {id}</source>
        <translation>{name}
联系电话：{phone}
身份证号：{id}</translation>
    </message>
</context>
<context>
    <name>ServiceRecordsModel</name>
    <message>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺办结</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>临期</translation>
    </message>
</context>
<context>
    <name>ServicesArea</name>
    <message>
        <source>Records</source>
        <translation>帮代办台账</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>服务清单</translation>
    </message>
    <message>
        <source>Notice board</source>
        <translation>公示栏材料</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>SessionRecorder</name>
    <message>
        <source>Investigation record</source>
        <translation>调查记录</translation>
    </message>
    <message>
        <source>Session record</source>
        <translation>调解记录</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Parties present</source>
        <translation>到场当事人</translation>
    </message>
    <message>
        <source>Invited helpers</source>
        <translation>邀请参加人</translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation>调查人</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Person questioned (relation)</source>
        <translation>被调查人（与当事人关系）</translation>
    </message>
    <message>
        <source>Evidence checked</source>
        <translation>核实的证据</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Type what is said, Enter to save; Ctrl+1…9 picks the speaker</source>
        <translation>输入发言内容，回车保存；Ctrl+1…9 选择发言人</translation>
    </message>
    <message>
        <source>End and close</source>
        <translation>结束并关闭</translation>
    </message>
    <message>
        <source>Not saved yet…</source>
        <translation>尚未保存…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="vanished">保存(&amp;S)</translation>
    </message>
    <message>
        <source>Screen lock, language and case numbers</source>
        <translation>锁屏、语言与调解案号</translation>
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
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>界面语言(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Mediation case-number block:</source>
        <translation>调解案号段(&amp;M)：</translation>
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
        <source>The block in force cannot be cleared; choose a block from 1 to {max}.</source>
        <translation>已生效的案号段不能清除；请选择 1 至 {max} 之间的号段。</translation>
    </message>
    <message>
        <source>The station serves no numbered grid: choose a block before registering mediation cases.</source>
        <translation>本站没有带编号的网格：登记调解案件前请先选择案号段。</translation>
    </message>
    <message>
        <source>Cases registered here are numbered {first}–{last} for each committee and year. Stations of one committee need different blocks; the default is the number of the station&apos;s lowest own grid.</source>
        <translation>本站登记的案件，每个调委会每年编号为 {first}–{last}。同一调委会的各站须使用不同的号段；默认号段为本站所属网格中最小的网格编号。</translation>
    </message>
    <message>
        <source>The case-number block cannot be cleared: it stays {block}. Choose a block from 1 to {max}; nothing was saved.</source>
        <translation>案号段不能清除，仍为 {block}。请选择 1 至 {max} 之间的号段；本次未保存任何更改。</translation>
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
    <name>StatementsModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>发言人</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>发言内容</translation>
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
        <source>Station na&amp;me:</source>
        <translation>站点名称(&amp;M)：</translation>
    </message>
    <message>
        <source>Station &amp;name:</source>
        <translation type="vanished">站点名称(&amp;N)：</translation>
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
    <name>StatisticsModel</name>
    <message>
        <source>Group</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>{total} services, {overdue} overdue</source>
        <translation type="vanished">服务 {total} 件，逾期 {overdue} 件</translation>
    </message>
    <message>
        <source>{total} services, {overdue} overdue and still open, {late} closed late</source>
        <translation>服务 {total} 件，逾期未办结 {overdue} 件，逾期办结 {late} 件</translation>
    </message>
    <message>
        <source>Exported {n} records to {path}</source>
        <translation>已导出 {n} 条记录到 {path}</translation>
    </message>
    <message>
        <source>The export could not be written to {path}: {reason}. Choose another place or name and export again.</source>
        <translation>无法导出到 {path}：{reason}。请换一个位置或文件名后重新导出。</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>StatsModel</name>
    <message>
        <source>Group</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>Month {m}</source>
        <translation>{m}月</translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="vanished">统计</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Success rate = successful ÷ (successful + failed mediations); withdrawn, not accepted and open cases are not counted.</source>
        <translation>调解成功率＝调解成功件数÷（调解成功件数＋调解不成件数）；撤回、不予受理及尚在办理的案件不计入。</translation>
    </message>
    <message>
        <source>{year}, month {month}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>{year}, whole year</source>
        <translation>{year}年全年</translation>
    </message>
    <message>
        <source>Loading {period}…</source>
        <translation>正在加载{period}…</translation>
    </message>
    <message>
        <source>Showing {period}</source>
        <translation>当前显示：{period}</translation>
    </message>
    <message>
        <source>The statistics could not be loaded.</source>
        <translation>统计数据加载失败。</translation>
    </message>
    <message>
        <source>Available once the statistics of the selected period are shown.</source>
        <translation>所选期间的统计显示后方可导出。</translation>
    </message>
    <message>
        <source>Preparing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>The statistics PDF could not be made: {problem}</source>
        <translation>无法生成统计 PDF：{problem}</translation>
    </message>
    <message>
        <source>Mediation statistics {period}</source>
        <translation>人民调解统计 {period}</translation>
    </message>
    <message>
        <source>The statistics were saved as {path}.</source>
        <translation>统计已保存为 {path}。</translation>
    </message>
    <message>
        <source>The statistics could not be saved as {path}: {problem}</source>
        <translation>统计无法保存为 {path}：{problem}</translation>
    </message>
    <message>
        <source>Saving the workbook…</source>
        <translation>正在保存工作簿…</translation>
    </message>
    <message>
        <source>Mediation statistics</source>
        <translation>人民调解统计</translation>
    </message>
    <message>
        <source>Save statistics</source>
        <translation>保存统计表</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>未评价</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Resident&apos;s satisfaction</source>
        <translation>居民满意度</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>To-do item</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Work diary page</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <source>Diary entry</source>
        <translation>日志事项</translation>
    </message>
    <message>
        <source>Weekly summary</source>
        <translation>周结</translation>
    </message>
    <message>
        <source>Photo or scan</source>
        <translation>照片或扫描件</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weather</source>
        <translation>天气</translation>
    </message>
    <message>
        <source>Patrol period</source>
        <translation>巡查时段</translation>
    </message>
    <message>
        <source>Patrol route</source>
        <translation>巡查路线</translation>
    </message>
    <message>
        <source>Covering for a colleague</source>
        <translation>代班</translation>
    </message>
    <message>
        <source>Plan for tomorrow</source>
        <translation>明日计划</translation>
    </message>
    <message>
        <source>Day closed</source>
        <translation>当日已结束</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Hazard type</source>
        <translation>隐患类型</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>处置措施</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处置结果</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Households visited</source>
        <translation>走访户数</translation>
    </message>
    <message>
        <source>Special households</source>
        <translation>特殊人群户数</translation>
    </message>
    <message>
        <source>Hazards found</source>
        <translation>发现隐患数</translation>
    </message>
    <message>
        <source>Hazards rectified</source>
        <translation>整改隐患数</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Focus next week</source>
        <translation>下周重点</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民姓名</translation>
    </message>
    <message>
        <source>Resident&apos;s phone</source>
        <translation>居民联系电话</translation>
    </message>
    <message>
        <source>Resident&apos;s ID number</source>
        <translation>居民身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <source>Materials received</source>
        <translation>已收材料</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Type of dispute</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>纠纷来源</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>纠纷简要情况</translation>
    </message>
    <message>
        <source>Amount involved (fen)</source>
        <translation>涉及金额（分）</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Mediators</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>履行情况</translation>
    </message>
    <message>
        <source>Judicial confirmation</source>
        <translation>司法确认</translation>
    </message>
    <message>
        <source>Prevented a criminal case</source>
        <translation>防止民转刑</translation>
    </message>
    <message>
        <source>Prevented a petition</source>
        <translation>防止群体性上访</translation>
    </message>
    <message>
        <source>Persons involved</source>
        <translation>涉及人数</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>当事人类别</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Happened on</source>
        <translation>发生日期</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Parties present</source>
        <translation>到场当事人</translation>
    </message>
    <message>
        <source>Others helping</source>
        <translation>协助人员</translation>
    </message>
    <message>
        <source>Person questioned</source>
        <translation>被询问人</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据材料</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>陈述人</translation>
    </message>
    <message>
        <source>Matters in dispute</source>
        <translation>争议事项</translation>
    </message>
    <message>
        <source>Responsibilities</source>
        <translation>各方责任</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>协议条款</translation>
    </message>
    <message>
        <source>Manner of performance</source>
        <translation>履行方式</translation>
    </message>
    <message>
        <source>Performance deadline</source>
        <translation>履行期限</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Party visited</source>
        <translation>回访对象</translation>
    </message>
    <message>
        <source>Went to court</source>
        <translation>是否起诉</translation>
    </message>
    <message>
        <source>Dispute flared up again</source>
        <translation>纠纷是否再起</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>采取措施</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>The district server has not assigned this grid to this station. Ask the district to add it, then send the change again.</source>
        <translation>区服务器未将该网格分配给本站。请联系区里添加后再重新发送。</translation>
    </message>
    <message>
        <source>The district server does not know this kind of record yet (it may need an update).</source>
        <translation>区服务器尚不支持这类记录（可能需要升级）。</translation>
    </message>
    <message>
        <source>The photo or scan of this record is missing on this PC, so it could not be sent.</source>
        <translation>本机缺少这条记录的照片或扫描件，因此无法发送。</translation>
    </message>
    <message>
        <source>This record is too large for the district server to accept. Shorten its longest texts, then send it again.</source>
        <translation>这条记录太大，区服务器无法接收。请删减其中最长的文字后再重新发送。</translation>
    </message>
    <message>
        <source>The district server does not know this enrolment code.</source>
        <translation>区服务器不认识这个注册码。</translation>
    </message>
    <message>
        <source>This enrolment code has already been used. Ask the district for a new one.</source>
        <translation>该注册码已被使用，请向区里申请新的注册码。</translation>
    </message>
    <message>
        <source>This enrolment code has expired. Ask the district for a new one.</source>
        <translation>该注册码已过期，请向区里申请新的注册码。</translation>
    </message>
    <message>
        <source>The district has revoked this station. Ask the district for a new enrolment code.</source>
        <translation>区里已注销本站，请向区里申请新的注册码。</translation>
    </message>
    <message>
        <source>The district has revoked this station&apos;s access. Enrol the station again with a new code (in Settings); nothing waiting to be sent is lost.</source>
        <translation>区里已撤销本站的同步权限。请在“设置”中用新的注册码重新注册；待上传的数据不会丢失。</translation>
    </message>
    <message>
        <source>The district server no longer accepts this station&apos;s enrolment. Enrol the station again (in Settings); nothing waiting to be sent is lost.</source>
        <translation>区服务器不再接受本站的注册信息。请在“设置”中重新注册；待上传的数据不会丢失。</translation>
    </message>
    <message>
        <source>This version of GridStation and the district server cannot work together. Please update GridStation.</source>
        <translation>当前版本的网格工作站与区服务器不兼容，请升级网格工作站。</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{start}… ({count} characters in all)</source>
        <translation>{start}……（共 {count} 字）</translation>
    </message>
    <message>
        <source>Sending {done} / {total}</source>
        <translation>正在上传 {done} / {total}</translation>
    </message>
    <message>
        <source>Receiving {done}</source>
        <translation>已接收 {done}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <source>This station is not enrolled with a district server yet. A station admin can enrol it in Settings.</source>
        <translation>本站尚未在区服务器注册。站点管理员可在“设置”中注册。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>{n} more are shown once these are settled.</source>
        <translation>处理完以上各项后，将显示其余 {n} 项。</translation>
    </message>
    <message>
        <source>Sync with the district server</source>
        <translation>与区服务器同步</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="vanished">立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>No conflicts: nothing waits for a decision.</source>
        <translation>没有冲突，无需处理。</translation>
    </message>
    <message>
        <source>The district accepted every change sent so far.</source>
        <translation>已发送的更改区里均已接受。</translation>
    </message>
    <message>
        <source>This station is not enrolled with a district server yet. A station admin can enrol it in Settings.</source>
        <translation>本站尚未在区服务器注册。站点管理员可在“设置”中注册。</translation>
    </message>
    <message>
        <source>Station {id} · {server}</source>
        <translation>站点 {id} · {server}</translation>
    </message>
    <message>
        <source>Last successful sync: {time}</source>
        <translation>上次成功同步：{time}</translation>
    </message>
    <message>
        <source>Never synced yet.</source>
        <translation>尚未同步过。</translation>
    </message>
    <message>
        <source>Changes waiting to be sent: {n}</source>
        <translation>待上传的更改：{n} 条</translation>
    </message>
    <message>
        <source>Sync problems of mediation records: {n}. Mediation records are private: a mediator or the grid&apos;s leader deals with them.</source>
        <translation>调解记录的同步问题：{n} 个。调解记录依法保密，由人民调解员或本网格的网格员处理。</translation>
    </message>
    <message>
        <source>The last sync failed: {message}</source>
        <translation>上次同步失败：{message}</translation>
    </message>
    <message>
        <source>History</source>
        <translation>同步记录</translation>
    </message>
    <message>
        <source>Conflicts ({n})</source>
        <translation>冲突（{n}）</translation>
    </message>
    <message>
        <source>Not accepted ({n})</source>
        <translation>未被接受（{n}）</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>当前批次完成后停止…</translation>
    </message>
    <message>
        <source>This station&apos;s value will be sent with the next sync.</source>
        <translation>本站的值将在下次同步时上传。</translation>
    </message>
    <message>
        <source>The change will be sent again with the next sync.</source>
        <translation>该更改将在下次同步时重新发送。</translation>
    </message>
    <message>
        <source>The corrected change will be sent with the next sync.</source>
        <translation>更正后的更改将在下次同步时发送。</translation>
    </message>
    <message>
        <source>Don&apos;t send this change?</source>
        <translation>不发送此更改？</translation>
    </message>
    <message>
        <source>The change stays on this station but is not sent to the district. This cannot be undone.</source>
        <translation>该更改保留在本站，但不会发送到区里。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>不发送</translation>
    </message>
</context>
<context>
    <name>SyncRunModel</name>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>SyncSettingsBox</name>
    <message>
        <source>District server</source>
        <translation>区服务器</translation>
    </message>
    <message>
        <source>Optional: only if the district gave you one (.pem)</source>
        <translation>可选：仅当区里提供了证书文件时填写（.pem）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>From the district, e.g. 7KQ2-M9XD</source>
        <translation>由区里提供，例如 7KQ2-M9XD</translation>
    </message>
    <message>
        <source>&amp;Enrol</source>
        <translation>注册(&amp;E)</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation type="vanished">服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <source>C&amp;ertificate authority file:</source>
        <translation type="vanished">证书颁发机构文件(&amp;E)：</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>服务器地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Certificate au&amp;thority file:</source>
        <translation>证书颁发机构文件(&amp;T)：</translation>
    </message>
    <message>
        <source>Enrolment &amp;code:</source>
        <translation>注册码(&amp;C)：</translation>
    </message>
    <message>
        <source>Station &amp;name:</source>
        <translation>站点名称(&amp;N)：</translation>
    </message>
    <message>
        <source>The district gives each station a one-time enrolment code. Enrolling again with a new code (e.g. after the district revoked this station) keeps every change waiting to be sent.</source>
        <translation>区里为每个站点提供一次性注册码。用新的注册码重新注册（例如区里注销本站后）不会丢失任何待上传的更改。</translation>
    </message>
    <message>
        <source>Only a station admin can enrol the station.</source>
        <translation>只有站点管理员可以注册本站。</translation>
    </message>
    <message>
        <source>Enrolled as station {id} with {server}</source>
        <translation>已在 {server} 注册，站点编号 {id}</translation>
    </message>
    <message>
        <source>&amp;Enrol again</source>
        <translation>重新注册(&amp;E)</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>未注册</translation>
    </message>
    <message>
        <source>Enter the address the district gave you.</source>
        <translation>请输入区里提供的服务器地址。</translation>
    </message>
    <message>
        <source>There is no file “{path}”.</source>
        <translation>文件“{path}”不存在。</translation>
    </message>
    <message>
        <source>Enter the enrolment code the district gave you.</source>
        <translation>请输入区里提供的注册码。</translation>
    </message>
    <message>
        <source>Enter the name this station has at the district.</source>
        <translation>请输入本站在区里登记的名称。</translation>
    </message>
    <message>
        <source>Certificate authority file</source>
        <translation>证书颁发机构文件</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Enrolling with the district server…</source>
        <translation>正在向区服务器注册…</translation>
    </message>
    <message>
        <source>No server could be reached at {url}. Check the address and this PC&apos;s network connection.</source>
        <translation>无法连接到 {url} 的服务器。请检查地址和本机的网络连接。</translation>
    </message>
    <message>
        <source>The server at {url} did not answer over HTTPS. Check whether the address should start with http:// or https://.</source>
        <translation>{url} 的服务器没有通过 HTTPS 应答。请检查地址应以 http:// 还是 https:// 开头。</translation>
    </message>
    <message>
        <source>{url} does not answer as a GridStation district server (HTTP {status}). Check the address.</source>
        <translation>{url} 不是网格服务站工作台的区服务器（HTTP {status}）。请检查地址。</translation>
    </message>
    <message>
        <source>The district server is busy or has a problem (HTTP {status}). Try enrolling again later.</source>
        <translation>区服务器繁忙或出现故障（HTTP {status}），请稍后再注册。</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Click to open the sync page; F5 syncs now</source>
        <translation>单击打开同步页面；按 F5 立即同步</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>未注册</translation>
    </message>
    <message>
        <source>Last sync: {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source> – last attempt failed</source>
        <translation> – 上次尝试失败</translation>
    </message>
    <message>
        <source>Waiting to send: {n}</source>
        <translation>待同步：{n}</translation>
    </message>
    <message>
        <source>● Sync problems: {n}</source>
        <translation>● 同步问题：{n}</translation>
    </message>
    <message>
        <source>Some changes need a decision on the sync page.</source>
        <translation>有更改需要在同步页面处理。</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <source>Move the case to “{state}”</source>
        <translation>案件转为“{state}”</translation>
    </message>
    <message>
        <source>The parties were told of arbitration, administrative and court routes</source>
        <translation>已告知当事人可通过仲裁、行政、司法途径维权</translation>
    </message>
    <message>
        <source>The party who withdrew the application</source>
        <translation>撤回申请的当事人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Withdrawn by</source>
        <translation>撤回人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
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
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked ({minutes} min left)</source>
        <translation>已锁定（剩余 {minutes} 分钟）</translation>
    </message>
    <message>
        <source>Active (password set by the admin, to be changed at sign-in)</source>
        <translation>正常（密码由管理员设置，登录时须修改）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>&amp;Add user…</source>
        <translation>添加用户(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <source>Change r&amp;ole/grid…</source>
        <translation>修改角色/网格(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解除锁定(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>停用(&amp;D)…</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>重新启用(&amp;T)</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Selected user:</source>
        <translation>选中用户：</translation>
    </message>
    <message>
        <source>The password of {name} was reset.</source>
        <translation>已重置 {name} 的密码。</translation>
    </message>
    <message>
        <source>{name} is now: {role}.</source>
        <translation>{name} 的角色已改为：{role}。</translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Deactivate {name} ({username})? They can no longer sign in. Their records are kept, and the account can be reactivated.</source>
        <translation>确定停用 {name}（{username}）吗？停用后该用户无法登录；其记录将保留，账号可重新启用。</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>{name} can sign in again.</source>
        <translation>{name} 已可重新登录。</translation>
    </message>
    <message>
        <source>{name} was deactivated and can no longer sign in.</source>
        <translation>{name} 已停用，无法再登录。</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Follow-up visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>A party has gone to court</source>
        <translation>当事人已起诉</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Party visited</source>
        <translation>回访对象</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>履行情况</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意程度</translation>
    </message>
    <message>
        <source>Signs of renewed conflict</source>
        <translation>有无再生矛盾</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>采取措施</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>回访人</translation>
    </message>
</context>
<context>
    <name>WeekDaysModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Weather</source>
        <translation>天气</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项数</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>State</source>
        <translation>日清</translation>
    </message>
    <message>
        <source>No diary</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已日清</translation>
    </message>
    <message>
        <source>Not closed yet</source>
        <translation>未日清</translation>
    </message>
    <message>
        <source>(cover)</source>
        <translation>（代岗）</translation>
    </message>
    <message>
        <source>Click to open this day</source>
        <translation>单击打开这一天的日志</translation>
    </message>
</context>
<context>
    <name>WeekSummaryPage</name>
    <message>
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <source>Print week summary…</source>
        <translation>打印周结…</translation>
    </message>
    <message>
        <source>What was achieved this week, what is still open…</source>
        <translation>本周完成了哪些工作，还有哪些未办结…</translation>
    </message>
    <message>
        <source>What to concentrate on next week…</source>
        <translation>下周重点做什么…</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>保存小结</translation>
    </message>
    <message>
        <source>Totals by category</source>
        <translation>分类统计</translation>
    </message>
    <message>
        <source>Days of the week</source>
        <translation>每日日清情况</translation>
    </message>
    <message>
        <source>Weekly summary</source>
        <translation>周结</translation>
    </message>
    <message>
        <source>This week&apos;s summary</source>
        <translation>本周小结</translation>
    </message>
    <message>
        <source>Next week&apos;s focus</source>
        <translation>下周工作重点</translation>
    </message>
    <message>
        <source>MMMM d, yyyy</source>
        <comment>a QDate format: 2026年5月11日 is yyyy年M月d日</comment>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>{monday} (Monday) – {sunday} (Sunday)</source>
        <translation>{monday}（星期一）至 {sunday}（星期日）</translation>
    </message>
    <message>
        <source>{items} items: {closed} closed, {open} still open; {escalated} escalated. Diary written on {days} days, {closed_days} of them closed.</source>
        <translation>共 {items} 项：已办结 {closed} 项，未办结 {open} 项；上报上级 {escalated} 项。填写日志 {days} 天，已日清 {closed_days} 天。</translation>
    </message>
    <message>
        <source>Note saved.</source>
        <translation>小结已保存。</translation>
    </message>
    <message>
        <source>Writing the week summary…</source>
        <translation>正在生成周结…</translation>
    </message>
    <message>
        <source>Week summary {date}</source>
        <translation>周结 {date}</translation>
    </message>
</context>
<context>
    <name>WeekTotalsModel</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项数</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Households visited</source>
        <translation>走访户数</translation>
    </message>
    <message>
        <source>Special-group households</source>
        <translation>特殊群体户数</translation>
    </message>
    <message>
        <source>Hazards found</source>
        <translation>发现隐患</translation>
    </message>
    <message>
        <source>Hazards rectified</source>
        <translation>整改隐患</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
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
