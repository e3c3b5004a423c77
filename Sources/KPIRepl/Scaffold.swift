enum _Scaffold {}
