<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>AuditAction</name>
    <message>
      <source>Added</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Changed</source>
      <translation>修改</translation>
    </message>
    <message>
      <source>Saved despite warning</source>
      <translation>校验未通过，按原因保存</translation>
    </message>
    <message>
      <source>Deleted</source>
      <translation>删除</translation>
    </message>
  </context>
  <context>
    <name>Cli</name>
    <message>
      <source>--operators must be at least 1.</source>
      <translation>--operators 至少为 1。</translation>
    </message>
    <message>
      <source>The data directory {path} already holds the station {name}. Replace it with demo data? [y/N] </source>
      <translation>数据目录 {path} 中已有“{name}”的数据。要用演示数据替换吗？（原数据会先备份）[y/N] </translation>
    </message>
    <message>
      <source>Nothing was changed.</source>
      <translation>未做任何更改。</translation>
    </message>
    <message>
      <source>The previous data was backed up to {path}.</source>
      <translation>原有数据已备份到 {path}。</translation>
    </message>
    <message>
      <source>Demo station created in {path} with {count} operators.</source>
      <translation>已在 {path} 创建演示所，共 {count} 户经营主体。</translation>
    </message>
    <message>
      <source>There is no station database in {path}. Create one with: python -m app demo</source>
      <translation>{path} 中还没有本所数据库。可以先运行：python -m app demo 创建演示所。</translation>
    </message>
  </context>
  <context>
    <name>DeleteOperatorDialog</name>
    <message>
      <source>Delete operator</source>
      <translation>删除经营主体</translation>
    </message>
    <message>
      <source>Delete “{name}” from the register? The record is kept in the change history and can still be shown with “Show deleted”.</source>
      <translation>确定从台账中删除“{name}”吗？删除后记录仍保留在变更记录中，勾选“显示已删除”仍可查看。</translation>
    </message>
    <message>
      <source>For example: business closed, entered twice</source>
      <translation>例如：已歇业、重复录入</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Reason for deletion (required):</source>
      <translation>删除原因（必填）：</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Cannot unlock the database</source>
      <translation>无法解锁数据库</translation>
    </message>
    <message>
      <source>The database {path} is encrypted with a different key. Nothing was changed. Start StationDesk under the Windows account that created the data, or restore the key; if you use a key file or passphrase, check that it is the right one.</source>
      <translation>数据库 {path} 是用另一把密钥加密的，未做任何更改。请用创建这些数据的 Windows 账户启动本软件，或恢复密钥；如果使用的是密钥文件或口令，请确认是否正确。</translation>
    </message>
    <message>
      <source>The database key is missing</source>
      <translation>找不到数据库密钥</translation>
    </message>
    <message>
      <source>The key of the database {path} is not in this computer's credential store. Nothing was changed. Log in with the account that created the data, or ask your administrator to restore the key.</source>
      <translation>本机的系统凭据库中没有数据库 {path} 的密钥，未做任何更改。请用创建这些数据的账户登录，或请管理员恢复密钥。</translation>
    </message>
    <message>
      <source>Not a StationDesk database</source>
      <translation>不是本软件的数据库</translation>
    </message>
    <message>
      <source>The file {path} is not a StationDesk database, or it is damaged. It was not changed. Choose another data folder, or restore the latest backup from the backups folder.</source>
      <translation>文件 {path} 不是本软件的数据库，或已损坏，文件未被改动。请选择其他数据文件夹，或从 backups 文件夹恢复最近的备份。</translation>
    </message>
    <message>
      <source>The database is in use</source>
      <translation>数据库正在使用中</translation>
    </message>
    <message>
      <source>Another StationDesk window is using {path}. Close the other window and try again.</source>
      <translation>另一个窗口正在使用 {path}。请关闭那个窗口后重试。</translation>
    </message>
    <message>
      <source>The database is from a newer version</source>
      <translation>数据库来自更新的版本</translation>
    </message>
    <message>
      <source>The database {path} was written by a newer StationDesk. To protect it, this version will not open it. Install the newest StationDesk.</source>
      <translation>数据库 {path} 是由更新版本的软件写入的。为保护数据，本版本不会打开它。请安装最新版本。</translation>
    </message>
    <message>
      <source>The database upgrade failed</source>
      <translation>数据库升级失败</translation>
    </message>
    <message>
      <source>Upgrading {path} failed and was rolled back. A backup was taken first: {detail}. Send the log to support; your data is safe.</source>
      <translation>升级 {path} 失败，已全部撤回。升级前已备份：{detail}。请把日志发给技术支持；您的数据是安全的。</translation>
    </message>
    <message>
      <source>The data folder cannot be used</source>
      <translation>无法使用数据文件夹</translation>
    </message>
    <message>
      <source>StationDesk cannot write to the data folder {path}. Choose a folder you may write to (for example in your Documents), or ask your administrator for write permission.</source>
      <translation>无法写入数据文件夹 {path}。请选择一个有写入权限的文件夹（例如“文档”中的文件夹），或请管理员开通写入权限。</translation>
    </message>
    <message>
      <source>The database cannot be written</source>
      <translation>数据库无法写入</translation>
    </message>
    <message>
      <source>StationDesk cannot write to {path} (the file or its folder is read-only). The last change was not saved; everything saved before it is safe. Copy the data folder to a place you may write to, or ask your administrator for write permission.</source>
      <translation>无法写入 {path}（文件或文件夹是只读的）。最后一次修改没有保存，此前保存的内容都完好。请把数据文件夹复制到有写入权限的位置，或请管理员开通写入权限。</translation>
    </message>
    <message>
      <source>The disk is full</source>
      <translation>磁盘已满</translation>
    </message>
    <message>
      <source>The disk holding {path} is full. The last change was not saved; everything saved before it is safe. Free some disk space and try again.</source>
      <translation>{path} 所在的磁盘已满。最后一次修改没有保存，此前保存的内容都完好。请清理磁盘空间后重试。</translation>
    </message>
    <message>
      <source>No credential store</source>
      <translation>没有系统凭据库</translation>
    </message>
    <message>
      <source>This computer has no system credential store to keep the database key in. Start StationDesk with a key file (--key-file), or set a passphrase; see the README.</source>
      <translation>本机没有可保存数据库密钥的系统凭据库。请使用密钥文件（--key-file）启动，或设置口令；详见 README。</translation>
    </message>
    <message>
      <source>Database error</source>
      <translation>数据库错误</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Current officer:</source>
      <translation>当前执法人员：</translation>
    </message>
    <message>
      <source>Operators in the register:</source>
      <translation>台账经营主体数：</translation>
    </message>
    <message>
      <source>Listed as abnormal:</source>
      <translation>列入经营异常名录：</translation>
    </message>
    <message>
      <source>Open the operator register on the left to search, add or edit operators. Inspections, rectification and synchronisation with the provincial platform come in the next versions.</source>
      <translation>点击左侧“经营主体台账”可以查询、新增或修改经营主体。检查、整改以及与省级平台同步将在后续版本提供。</translation>
    </message>
    <message>
      <source>StationDesk</source>
      <translation>基层监管工作台</translation>
    </message>
    <message>
      <source>This section is not available yet. It will come with a later version of StationDesk.</source>
      <translation>此功能尚未开放，将在后续版本中提供。</translation>
    </message>
    <message>
      <source>Dashboard</source>
      <translation>工作台</translation>
    </message>
    <message>
      <source>Operator register</source>
      <translation>经营主体台账</translation>
    </message>
    <message>
      <source>Inspections</source>
      <translation>检查</translation>
    </message>
    <message>
      <source>Rectification</source>
      <translation>整改</translation>
    </message>
    <message>
      <source>Synchronisation</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Data folder: {path}
The database is encrypted; its key is kept as chosen at first start.</source>
      <translation>数据文件夹：{path}
数据库已加密，密钥按首次启动时的选择保存。</translation>
    </message>
    <message>
      <source>Current officer: {name}</source>
      <translation>当前执法人员：{name}</translation>
    </message>
  </context>
  <context>
    <name>OperatorDetailPanel</name>
    <message>
      <source>Select an operator in the list to see its details.</source>
      <translation>在上方列表中选择一户，即可在这里查看详细信息。</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Platform</source>
      <translation>平台</translation>
    </message>
    <message>
      <source>Shop name</source>
      <translation>店铺名称</translation>
    </message>
    <message>
      <source>Shop ID</source>
      <translation>店铺编号</translation>
    </message>
    <message>
      <source>Web address</source>
      <translation>网址</translation>
    </message>
    <message>
      <source>ICP filing</source>
      <translation>ICP备案号</translation>
    </message>
    <message>
      <source>Licence display</source>
      <translation>亮照情况</translation>
    </message>
    <message>
      <source>First seen</source>
      <translation>首次发现</translation>
    </message>
    <message>
      <source>Last verified</source>
      <translation>最近核查</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>证号</translation>
    </message>
    <message>
      <source>Issued by</source>
      <translation>发证机关</translation>
    </message>
    <message>
      <source>Valid from</source>
      <translation>有效期起</translation>
    </message>
    <message>
      <source>Valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Officer</source>
      <translation>操作人</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>变更项目</translation>
    </message>
    <message>
      <source>Before → after</source>
      <translation>变更前 → 变更后</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Basic information</source>
      <translation>基本信息</translation>
    </message>
    <message>
      <source>Carriers</source>
      <translation>载体</translation>
    </message>
    <message>
      <source>Licences</source>
      <translation>证照</translation>
    </message>
    <message>
      <source>Change history</source>
      <translation>变更记录</translation>
    </message>
    <message>
      <source>Carriers ({count})</source>
      <translation>载体（{count}）</translation>
    </message>
    <message>
      <source>Licences ({count})</source>
      <translation>证照（{count}）</translation>
    </message>
    <message>
      <source>Change history ({count})</source>
      <translation>变更记录（{count}）</translation>
    </message>
    <message>
      <source>{before} → {after}</source>
      <translation>{before} → {after}</translation>
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
      <source>Not classified</source>
      <translation>未分类</translation>
    </message>
    <message>
      <source>Code saved despite warning</source>
      <translation>号码按原因保存</translation>
    </message>
  </context>
  <context>
    <name>OperatorDialog</name>
    <message>
      <source>Add operator</source>
      <translation>新增经营主体</translation>
    </message>
    <message>
      <source>Edit operator: {name}</source>
      <translation>编辑经营主体：{name}</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>请选择…</translation>
    </message>
    <message>
      <source>Mobile or landline with area code; separate several with ;</source>
      <translation>手机号或带区号的固定电话；多个号码用分号隔开</translation>
    </message>
    <message>
      <source>Not classified</source>
      <translation>未分类</translation>
    </message>
    <message>
      <source>On the abnormal-operation list</source>
      <translation>列入经营异常名录</translation>
    </message>
    <message>
      <source>On the serious-violation list</source>
      <translation>列入严重违法失信名单</translation>
    </message>
    <message>
      <source>For an individual business this is the abnormal-operation mark.</source>
      <translation>个体工商户为“经营异常状态”标记。</translation>
    </message>
    <message>
      <source>Registration</source>
      <translation>登记信息</translation>
    </message>
    <message>
      <source>Contact and credit</source>
      <translation>经营与信用</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Listed on</source>
      <translation>列入日期</translation>
    </message>
    <message>
      <source>Fields marked * are required. Press Esc to close without saving.</source>
      <translation>带 * 的为必填项。按 Esc 键关闭窗口，不保存。</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>{field} *</source>
      <translation>{field} *</translation>
    </message>
    <message>
      <source>This code was saved despite a warning. Reason: {reason}</source>
      <translation>此号码校验未通过，已按原因保存。原因：{reason}</translation>
    </message>
    <message>
      <source>Nothing was saved. Correct the items marked in red, then save again.</source>
      <translation>未保存。请改正标红的项目后再保存。</translation>
    </message>
    <message>
      <source>This operator was deleted in the meantime; nothing was saved. Close this window.</source>
      <translation>该经营主体已在此期间被删除，本次修改未保存。请关闭此窗口。</translation>
    </message>
  </context>
  <context>
    <name>OperatorField</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Subject type</source>
      <translation>主体类型</translation>
    </message>
    <message>
      <source>Identifier type</source>
      <translation>证照类型</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>证照号码</translation>
    </message>
    <message>
      <source>Legal representative / operator</source>
      <translation>法定代表人/经营者</translation>
    </message>
    <message>
      <source>Registered address</source>
      <translation>住所（登记地址）</translation>
    </message>
    <message>
      <source>Business address</source>
      <translation>经营地址</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>Business scope</source>
      <translation>经营范围</translation>
    </message>
    <message>
      <source>Founding date</source>
      <translation>成立日期</translation>
    </message>
    <message>
      <source>Registration status</source>
      <translation>登记状态</translation>
    </message>
    <message>
      <source>Registering authority</source>
      <translation>登记机关</translation>
    </message>
    <message>
      <source>Credit risk class</source>
      <translation>信用风险分类</translation>
    </message>
    <message>
      <source>Abnormal-operation list</source>
      <translation>经营异常名录</translation>
    </message>
    <message>
      <source>Reason for the abnormal-operation listing</source>
      <translation>列入经营异常名录原因</translation>
    </message>
    <message>
      <source>Date of the abnormal-operation listing</source>
      <translation>列入经营异常名录日期</translation>
    </message>
    <message>
      <source>Serious-violation list</source>
      <translation>严重违法失信名单</translation>
    </message>
    <message>
      <source>Reason for the serious-violation listing</source>
      <translation>列入严重违法失信名单原因</translation>
    </message>
    <message>
      <source>Date of the serious-violation listing</source>
      <translation>列入严重违法失信名单日期</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Reason for deletion</source>
      <translation>删除原因</translation>
    </message>
  </context>
  <context>
    <name>OperatorTableModel</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Subject type</source>
      <translation>主体类型</translation>
    </message>
    <message>
      <source>Identifier type</source>
      <translation>证照类型</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>证照号码</translation>
    </message>
    <message>
      <source>Legal representative / operator</source>
      <translation>法定代表人/经营者</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>Business address</source>
      <translation>经营地址</translation>
    </message>
    <message>
      <source>Credit class</source>
      <translation>信用分类</translation>
    </message>
    <message>
      <source>Abnormal / serious violation</source>
      <translation>异常/失信</translation>
    </message>
    <message>
      <source>Carriers</source>
      <translation>载体数</translation>
    </message>
    <message>
      <source>Click to sort by this column; click again to reverse the order.</source>
      <translation>点击按此列排序，再次点击则反向排序。</translation>
    </message>
    <message>
      <source>This column cannot be sorted.</source>
      <translation>此列不能排序。</translation>
    </message>
    <message>
      <source>(this record no longer exists)</source>
      <translation>（该记录已不存在）</translation>
    </message>
    <message>
      <source>Deleted. The record is kept for the change history; it can no longer be edited.</source>
      <translation>已删除。记录保留用于查看变更记录，不能再编辑。</translation>
    </message>
    <message>
      <source>The check character of this code does not match, but it was saved on purpose with a reason. The reason is in the change history.</source>
      <translation>此代码校验位不符，已确认按原因保存，原因见变更记录。</translation>
    </message>
    <message>
      <source>On the abnormal-operation list.</source>
      <translation>已列入经营异常名录。</translation>
    </message>
    <message>
      <source>On the serious-violation list.</source>
      <translation>已列入严重违法失信名单。</translation>
    </message>
    <message>
      <source>Abnormal</source>
      <translation>经营异常</translation>
    </message>
    <message>
      <source>Serious violation</source>
      <translation>严重违法失信</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
  </context>
  <context>
    <name>OptionalDateEdit</name>
    <message>
      <source>Tick to enter the date. Leave it unticked when the date is not known.</source>
      <translation>勾选后填写日期；不清楚日期时不要勾选。</translation>
    </message>
    <message>
      <source>Not set</source>
      <translation>未填写</translation>
    </message>
  </context>
  <context>
    <name>OverrideReasonDialog</name>
    <message>
      <source>Save with a reason</source>
      <translation>填写原因后保存</translation>
    </message>
    <message>
      <source>The check character of this code does not match. Compare the code with the licence once more. If the licence really shows it like this, enter the reason below; the reason is kept in the change history.</source>
      <translation>该代码校验位不符。请再与证照核对一遍；如确认证照上就是这样印的，请填写原因，原因会记入变更记录。</translation>
    </message>
    <message>
      <source>Please check the notes below. If the entry is right as it is, enter the reason below; the reason is kept in the change history.</source>
      <translation>请查看下面的提示。如确认填写无误，请填写原因，原因会记入变更记录。</translation>
    </message>
    <message>
      <source>For example: checked against the original licence</source>
      <translation>例如：已与营业执照原件核对</translation>
    </message>
    <message>
      <source>Save with this reason</source>
      <translation>按此原因保存</translation>
    </message>
    <message>
      <source>Back to editing</source>
      <translation>返回修改</translation>
    </message>
    <message>
      <source>Reason:</source>
      <translation>原因：</translation>
    </message>
  </context>
  <context>
    <name>Progress</name>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Please wait</source>
      <translation>请稍候</translation>
    </message>
  </context>
  <context>
    <name>RegistryView</name>
    <message>
      <source>Name, licence number, phone, shop name, web address, pinyin initials…</source>
      <translation>名称、证照号码、电话、网店名称、网址、拼音首字母…</translation>
    </message>
    <message>
      <source>Ctrl+F: search. Esc: clear the search. Enter or ↓: go to the list.</source>
      <translation>Ctrl+F：搜索；Esc：清空搜索；回车或 ↓：转到列表。</translation>
    </message>
    <message>
      <source>All subject types</source>
      <translation>全部主体类型</translation>
    </message>
    <message>
      <source>All carrier kinds</source>
      <translation>全部载体类型</translation>
    </message>
    <message>
      <source>All platforms</source>
      <translation>全部平台</translation>
    </message>
    <message>
      <source>All credit classes</source>
      <translation>全部信用分类</translation>
    </message>
    <message>
      <source>Abnormal operation only</source>
      <translation>仅经营异常</translation>
    </message>
    <message>
      <source>Serious violation only</source>
      <translation>仅严重违法失信</translation>
    </message>
    <message>
      <source>Show deleted</source>
      <translation>显示已删除</translation>
    </message>
    <message>
      <source>Also list deleted operators (greyed out), to look up their history.</source>
      <translation>同时列出已删除的经营主体（灰色显示），便于查看其变更记录。</translation>
    </message>
    <message>
      <source>Clear filters</source>
      <translation>清除筛选</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Edit</source>
      <translation>编辑</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Add an operator (Ctrl+N)</source>
      <translation>新增经营主体（Ctrl+N）</translation>
    </message>
    <message>
      <source>Edit the selected operator (Enter or double-click)</source>
      <translation>编辑选中的经营主体（回车或双击）</translation>
    </message>
    <message>
      <source>Delete the selected operator; a reason is required</source>
      <translation>删除选中的经营主体（须填写原因）</translation>
    </message>
    <message>
      <source>Clear search and filters</source>
      <translation>清除搜索和筛选</translation>
    </message>
    <message>
      <source>Search:</source>
      <translation>搜索：</translation>
    </message>
    <message>
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <source>Add operator</source>
      <translation>新增经营主体</translation>
    </message>
    <message>
      <source>Edit operator</source>
      <translation>编辑经营主体</translation>
    </message>
    <message>
      <source>Delete operator</source>
      <translation>删除经营主体</translation>
    </message>
    <message>
      <source>Clear search</source>
      <translation>清空搜索</translation>
    </message>
    <message>
      <source>Not deleted</source>
      <translation>未删除</translation>
    </message>
    <message>
      <source>Operator not found</source>
      <translation>找不到该经营主体</translation>
    </message>
    <message>
      <source>This operator no longer exists (it may have been deleted in another window). The list is reloaded.</source>
      <translation>该经营主体已不存在（可能已在其他窗口中删除）。列表已重新加载。</translation>
    </message>
    <message>
      <source>At least {count} found; only the first {count} are shown. Type more to narrow it down.</source>
      <translation>找到 {count} 户以上，仅显示前 {count} 户，请输入更多文字缩小范围。</translation>
    </message>
    <message>
      <source>{count} found</source>
      <translation>找到 {count} 户</translation>
    </message>
    <message>
      <source>{count} operators</source>
      <translation>共 {count} 户</translation>
    </message>
    <message>
      <source>The register has no operators yet. Click “Add” to add one, or import them from Excel (coming soon).</source>
      <translation>台账还没有经营主体。点击「新增」添加，或从 Excel 导入（即将提供）。</translation>
    </message>
    <message>
      <source>No operator matches. Check what you typed, or remove some filters.</source>
      <translation>没有找到匹配的经营主体。请检查输入，或减少筛选条件。</translation>
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <source>Creating the demo station with {count} operators…</source>
      <translation>正在创建演示所（{count} 户经营主体）…</translation>
    </message>
    <message>
      <source>StationDesk closed unexpectedly last time</source>
      <translation>上次运行意外退出</translation>
    </message>
    <message>
      <source>The report below was saved in {path}. Please send it to support. Your saved data is not affected.</source>
      <translation>下面的报告已保存在 {path}，请发送给技术支持。已保存的数据不受影响。</translation>
    </message>
    <message>
      <source>Where to keep the database key</source>
      <translation>数据库密钥保存方式</translation>
    </message>
    <message>
      <source>This computer has no system credential store, so StationDesk cannot keep the database key there. Choose how to unlock the encrypted database:</source>
      <translation>本机没有系统凭据库，无法在其中保存数据库密钥。请选择加密数据库的解锁方式：</translation>
    </message>
    <message>
      <source>A passphrase I type at every start (safest)</source>
      <translation>每次启动时输入口令（最安全）</translation>
    </message>
    <message>
      <source>A key file (anyone who copies this file can read the data)</source>
      <translation>密钥文件（任何人复制此文件都能读取数据）</translation>
    </message>
    <message>
      <source>Passphrase:</source>
      <translation>口令：</translation>
    </message>
    <message>
      <source>Repeat:</source>
      <translation>再输一次：</translation>
    </message>
    <message>
      <source>The passphrase needs at least 8 characters.</source>
      <translation>口令至少需要 8 个字符。</translation>
    </message>
    <message>
      <source>The two passphrases differ. Type them again.</source>
      <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
    <message>
      <source>Enter where the key file should be kept.</source>
      <translation>请填写密钥文件的保存位置。</translation>
    </message>
    <message>
      <source>Welcome to StationDesk</source>
      <translation>欢迎使用基层监管工作台</translation>
    </message>
    <message>
      <source>There is no station data on this computer yet. How do you want to start?</source>
      <translation>本机还没有本所数据。您想怎样开始？</translation>
    </message>
    <message>
      <source>Try the demo station (synthetic operators, safe to play with)</source>
      <translation>先试用演示所（模拟数据，可随意操作）</translation>
    </message>
    <message>
      <source>Set up my own station (empty register)</source>
      <translation>建立本所台账（空白台账）</translation>
    </message>
    <message>
      <source>e.g. Huguo Station of the Wuhua District Market Regulation Bureau, Kunming</source>
      <translation>例如：昆明市五华区市场监督管理局护国市场监管所</translation>
    </message>
    <message>
      <source>6-digit county code, e.g. 530102</source>
      <translation>6 位县区行政区划代码，例如 530102</translation>
    </message>
    <message>
      <source>Station name:</source>
      <translation>所名称：</translation>
    </message>
    <message>
      <source>County code:</source>
      <translation>县区代码：</translation>
    </message>
    <message>
      <source>Your name:</source>
      <translation>您的姓名：</translation>
    </message>
    <message>
      <source>Your enforcement certificate no.:</source>
      <translation>您的执法证号：</translation>
    </message>
    <message>
      <source>Number of demo operators:</source>
      <translation>演示经营主体数量：</translation>
    </message>
    <message>
      <source>Enter the station name and your name.</source>
      <translation>请填写所名称和您的姓名。</translation>
    </message>
    <message>
      <source>The county code has 6 digits, e.g. 530102.</source>
      <translation>县区代码为 6 位数字，例如 530102。</translation>
    </message>
    <message>
      <source>Who is working?</source>
      <translation>请选择当前执法人员</translation>
    </message>
    <message>
      <source>Choose your name. Every change you make is recorded under it.</source>
      <translation>请选择您的姓名。您所做的每项修改都会记录在您名下。</translation>
    </message>
    <message>
      <source>Or add a new officer — name:</source>
      <translation>或新增执法人员——姓名：</translation>
    </message>
    <message>
      <source>Enforcement certificate no.:</source>
      <translation>执法证号：</translation>
    </message>
    <message>
      <source>Choose your name or add yourself as a new officer.</source>
      <translation>请选择您的姓名，或把自己添加为新的执法人员。</translation>
    </message>
  </context>
  <context>
    <name>Validation</name>
    <message>
      <source>Give a reason for the deletion; it is kept in the audit log.</source>
      <translation>请填写删除原因，原因会记入变更记录。</translation>
    </message>
    <message>
      <source>Enter the name.</source>
      <translation>请填写名称。</translation>
    </message>
    <message>
      <source>Choose the subject type.</source>
      <translation>请选择主体类型。</translation>
    </message>
    <message>
      <source>This kind of identifier does not fit the subject type.</source>
      <translation>此证照类型与主体类型不符。</translation>
    </message>
    <message>
      <source>Credit class is A, B, C or D.</source>
      <translation>信用风险分类只能是 A、B、C 或 D。</translation>
    </message>
    <message>
      <source>The founding date lies in the future.</source>
      <translation>成立日期不能晚于今天。</translation>
    </message>
    <message>
      <source>Enter the reason for the listing.</source>
      <translation>请填写列入原因。</translation>
    </message>
    <message>
      <source>This identifier is already registered for {name}. Open that record instead.</source>
      <translation>此号码已登记为“{name}”。请直接打开该记录。</translation>
    </message>
    <message>
      <source>Enter the officer's name.</source>
      <translation>请填写执法人员姓名。</translation>
    </message>
    <message>
      <source>Enter the code. If the operator has none, choose “no identifier” as its type.</source>
      <translation>请填写证照号码。如该经营主体没有证照号码，请将证照类型选为“无证照号码”。</translation>
    </message>
    <message>
      <source>This operator is marked as having no identifier, but a code was entered. Either clear the code or choose the type of identifier it is.</source>
      <translation>该经营主体的证照类型为“无证照号码”，但填写了号码。请清空号码，或选择该号码对应的证照类型。</translation>
    </message>
    <message>
      <source>This code should have {expected} characters, but it has {actual}. Compare it with the licence and look for a missing or extra character.</source>
      <translation>此号码应为 {expected} 位，实际为 {actual} 位。请与证照核对，检查是否漏填或多填了字符。</translation>
    </message>
    <message>
      <source>The code contains {chars}, which never appear in a unified social credit code (the letters I, O, S, V and Z are not used). Check for O typed instead of the digit 0, or I instead of 1.</source>
      <translation>号码中含有 {chars}，统一社会信用代码不使用这些字符（不使用字母 I、O、S、V、Z）。请检查是否把数字 0 输成了字母 O，或把数字 1 输成了字母 I。</translation>
    </message>
    <message>
      <source>The first character must be one of 1-9, A, N or Y, not {actual}. Compare the code with the licence.</source>
      <translation>第 1 位应为 1-9、A、N 或 Y，而不是 {actual}。请与证照核对。</translation>
    </message>
    <message>
      <source>The second character {actual} is not used after {authority}: it must be one of {allowed}. Compare the code with the licence.</source>
      <translation>第 1 位为 {authority} 时，第 2 位不能是 {actual}，只能是 {allowed} 之一。请与证照核对。</translation>
    </message>
    <message>
      <source>Characters 3 to 8 must all be digits (they are a region code), but they are {actual}. Compare the code with the licence.</source>
      <translation>第 3 至 8 位是行政区划代码，应全部为数字，实际为 {actual}。请与证照核对。</translation>
    </message>
    <message>
      <source>Characters 3 and 4 ({actual}) are not a Chinese province code. Compare the code with the licence.</source>
      <translation>第 3、4 位（{actual}）不是我国省级行政区划代码。请与证照核对。</translation>
    </message>
    <message>
      <source>Character 17 should be {expected}, not {actual}. Check the code against the licence; if the code is really printed like this, you may save it with a reason.</source>
      <translation>第 17 位应为 {expected}，而不是 {actual}。请与证照核对；如证照上确实是这样印的，可以填写原因后保存。</translation>
    </message>
    <message>
      <source>The check character should be {expected}, not {actual}. Check the code against the licence; if the code is really printed like this, you may save it with a reason.</source>
      <translation>校验位应为 {expected}，而不是 {actual}。请与证照核对；如证照上确实是这样印的，可以填写原因后保存。</translation>
    </message>
    <message>
      <source>An organisation code may only contain digits and capital letters, but it contains {chars}. Compare it with the certificate.</source>
      <translation>组织机构代码只能由数字和大写字母组成，但其中含有 {chars}。请与代码证书核对。</translation>
    </message>
    <message>
      <source>A registration number (注册号) consists of digits only, but it contains {chars}. Compare it with the licence.</source>
      <translation>注册号只能由数字组成，但其中含有 {chars}。请与证照核对。</translation>
    </message>
    <message>
      <source>An ID card number consists of digits, with only the last character possibly X, but it contains {chars}. Compare it with the ID card.</source>
      <translation>身份证号码由数字组成，只有最后一位可能是 X，但其中含有 {chars}。请与身份证核对。</translation>
    </message>
    <message>
      <source>The birth date in this ID number ({actual}) is not a real date between 1900 and today. Compare the number with the ID card.</source>
      <translation>此身份证号码中的出生日期（{actual}）不是 1900 年至今的有效日期。请与身份证核对。</translation>
    </message>
    <message>
      <source>The last character should be {expected}, not {actual}. Check the number against the ID card; if the card really shows this number, you may save it with a reason.</source>
      <translation>最后一位应为 {expected}，而不是 {actual}。请与身份证核对；如身份证上确实是这个号码，可以填写原因后保存。</translation>
    </message>
    <message>
      <source>This is an old 15-digit ID number. If possible, ask for the 18-digit number on the current ID card.</source>
      <translation>这是旧的 15 位身份证号码。如有可能，请索取现行身份证上的 18 位号码。</translation>
    </message>
    <message>
      <source>“{number}” is not a phone number. Enter an 11-digit mobile number, a landline with its area code such as 0571-87654321, or a 400/800 number. Separate several numbers with a semicolon.</source>
      <translation>“{number}”不是电话号码。请填写 11 位手机号、带区号的固定电话（如 0571-87654321）或 400/800 号码；多个号码用分号隔开。</translation>
    </message>
    <message>
      <source>The mobile number “{number}” has {actual} digits; mobile numbers have 11. Look for a missing or extra digit.</source>
      <translation>手机号“{number}”有 {actual} 位，手机号应为 11 位。请检查是否漏填或多填了数字。</translation>
    </message>
    <message>
      <source>The landline “{number}” has no area code. Add it in front, for example 0571-{number}.</source>
      <translation>固定电话“{number}”缺少区号。请在前面加上区号，例如 0571-{number}。</translation>
    </message>
    <message>
      <source>“{value}” is not an ICP filing number. Copy it from the bottom of the website or from the MIIT filing system; it looks like 京ICP备12345678号-1 or 京ICP证123456号.</source>
      <translation>“{value}”不是 ICP 备案号。请从网站底部或工业和信息化部备案系统中复制，格式如 京ICP备12345678号-1 或 京ICP证123456号。</translation>
    </message>
    <message>
      <source>“{actual}” is not a province abbreviation used in ICP numbers (such as 京, 沪 or 粤). Check the first character.</source>
      <translation>“{actual}”不是 ICP 号码使用的省份简称（如 京、沪、粤）。请检查第一个字。</translation>
    </message>
    <message>
      <source>The number in an ICP filing (ICP备) has 8 or 10 digits, but this one has {actual}. Look for a missing or extra digit.</source>
      <translation>ICP 备案号（ICP备）中的数字应为 8 位或 10 位，此号码为 {actual} 位。请检查是否漏填或多填了数字。</translation>
    </message>
    <message>
      <source>The number in an ICP licence (ICP证) has 6 digits, but this one has {actual}. Look for a missing or extra digit.</source>
      <translation>ICP 经营许可证号（ICP证）中的数字应为 6 位，此号码为 {actual} 位。请检查是否漏填或多填了数字。</translation>
    </message>
    <message>
      <source>The character 号 is missing after the digits. The correct form is {suggestion}.</source>
      <translation>数字后面缺少“号”字，正确写法为 {suggestion}。</translation>
    </message>
  </context>
  <context>
    <name>Vocabulary</name>
    <message>
      <source>Enterprise</source>
      <translation>企业</translation>
    </message>
    <message>
      <source>Individual business</source>
      <translation>个体工商户</translation>
    </message>
    <message>
      <source>Farmers' cooperative</source>
      <translation>农民专业合作社</translation>
    </message>
    <message>
      <source>Natural person</source>
      <translation>自然人</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>Platform shop</source>
      <translation>网店</translation>
    </message>
    <message>
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <source>WeChat official account</source>
      <translation>微信公众号</translation>
    </message>
    <message>
      <source>Mini-program</source>
      <translation>小程序</translation>
    </message>
    <message>
      <source>App</source>
      <translation>APP</translation>
    </message>
    <message>
      <source>Live-stream / short-video account</source>
      <translation>直播间/短视频账号</translation>
    </message>
    <message>
      <source>Local-life store</source>
      <translation>本地生活店铺</translation>
    </message>
    <message>
      <source>Not checked</source>
      <translation>未检查</translation>
    </message>
    <message>
      <source>Displayed</source>
      <translation>已亮照</translation>
    </message>
    <message>
      <source>Incomplete</source>
      <translation>亮照不完整</translation>
    </message>
    <message>
      <source>Not displayed</source>
      <translation>未亮照</translation>
    </message>
    <message>
      <source>A (low risk)</source>
      <translation>A 类（低风险）</translation>
    </message>
    <message>
      <source>B (general risk)</source>
      <translation>B 类（一般风险）</translation>
    </message>
    <message>
      <source>C (elevated risk)</source>
      <translation>C 类（较高风险）</translation>
    </message>
    <message>
      <source>D (high risk)</source>
      <translation>D 类（高风险）</translation>
    </message>
    <message>
      <source>Officer</source>
      <translation>执法人员</translation>
    </message>
    <message>
      <source>Station head</source>
      <translation>所长</translation>
    </message>
    <message>
      <source>Unified social credit code</source>
      <translation>统一社会信用代码</translation>
    </message>
    <message>
      <source>Organisation code</source>
      <translation>组织机构代码</translation>
    </message>
    <message>
      <source>Registration number</source>
      <translation>注册号</translation>
    </message>
    <message>
      <source>Resident ID number</source>
      <translation>身份证号码</translation>
    </message>
    <message>
      <source>No identifier</source>
      <translation>无证照号码</translation>
    </message>
  </context>
</TS>