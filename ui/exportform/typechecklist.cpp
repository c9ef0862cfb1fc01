#include "exportform/typechecklist.h"

#include "exportform/resourcetypes.h"
#include "exportform/typechecklistmodel.h"
#include "vendor/vendorprofile.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>

TypeChecklist::TypeChecklist(QWidget *parent)
    : QWidget(parent)
    , m_model(new TypeChecklistModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QListView(this))
    , m_advice(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_vendorButton(new QPushButton(tr("Ve&ndor's list"), this))
{
    m_filter->setObjectName(QStringLiteral("typeFilterEdit"));
    m_view->setObjectName(QStringLiteral("typeList"));
    m_advice->setObjectName(QStringLiteral("typeAdviceLabel"));
    m_summary->setObjectName(QStringLiteral("typeSummaryLabel"));
    m_vendorButton->setObjectName(QStringLiteral("vendorTypesButton"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Resource types"));
    m_view->setUniformItemSizes(true);
    m_view->setMinimumHeight(m_view->fontMetrics().lineSpacing() * 6);
    m_filter->setPlaceholderText(tr("Filter types…"));
    m_filter->setClearButtonEnabled(true);
    m_advice->setWordWrap(true);
    m_summary->setWordWrap(true);
    setFocusProxy(m_filter); // the form label's mnemonic lands in the filter box

    auto *usCore = new QPushButton(tr("&US Core / USCDI"), this);
    usCore->setObjectName(QStringLiteral("usCoreTypesButton"));
    auto *all = new QPushButton(tr("&All"), this);
    all->setObjectName(QStringLiteral("allTypesButton"));
    auto *none = new QPushButton(tr("N&one"), this);
    none->setObjectName(QStringLiteral("noTypesButton"));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_advice, 0, 0, 1, 2);
    layout->addWidget(m_filter, 1, 0);
    layout->addWidget(m_view, 2, 0, 5, 1);
    layout->addWidget(usCore, 2, 1);
    layout->addWidget(m_vendorButton, 3, 1);
    layout->addWidget(all, 4, 1);
    layout->addWidget(none, 5, 1);
    layout->setRowStretch(6, 1);
    layout->addWidget(m_summary, 7, 0, 1, 2);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(usCore, &QPushButton::clicked, this, [this] {
        // Only what this server can export: the US Core set within the preset's list.
        QStringList set;
        for (const QString &t : ResourceTypes::usCore()) {
            if (m_vendorTypes.contains(t)) {
                set << t;
            }
        }
        setChecked(set);
    });
    connect(m_vendorButton, &QPushButton::clicked, this, [this] { setChecked(m_vendorTypes); });
    connect(all, &QPushButton::clicked, this, [this] { setChecked(m_model->types()); });
    connect(none, &QPushButton::clicked, this, [this] { setChecked({}); });
    connect(m_model, &TypeChecklistModel::checkedChanged, this, [this] {
        updateSummary();
        emit changed();
    });
    updateSummary();
}

void TypeChecklist::setVendor(const VendorProfile &vendor)
{
    m_vendorTypes = ResourceTypes::forVendor(vendor.supportedTypes);
    m_model->setTypes(m_vendorTypes);
    m_vendorButton->setEnabled(!vendor.supportedTypes.isEmpty());
    m_vendorButton->setToolTip(
        vendor.supportedTypes.isEmpty()
            ? tr("%1 does not restrict the types.").arg(vendor.displayName)
            : tr("The %n type(s) %1 supports.", nullptr, int(vendor.supportedTypes.size())).arg(vendor.displayName));
    m_advice->setText(vendor.typeAdvice);
    m_advice->setVisible(!vendor.typeAdvice.isEmpty());
}

QStringList TypeChecklist::checked() const
{
    return m_model->checked();
}

void TypeChecklist::setChecked(const QStringList &types)
{
    m_model->setChecked(types);
}

void TypeChecklist::updateSummary()
{
    const int n = int(m_model->checked().size());
    m_summary->setText(n == 0 ? tr("No type chosen: the server exports every type it offers.")
                              : tr("%n type(s) chosen.", nullptr, n));
}
