#pragma once

#include <QMainWindow>

// The application shell. Panels are added by the desktop-app work; for now it only names itself.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};
