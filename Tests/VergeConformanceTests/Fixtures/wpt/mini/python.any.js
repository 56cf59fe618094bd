promise_test(() => fetch("resources/echo.py?x=1"), "needs the python server");
